import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { renderPalletLabel } from './pallet-label.service.js';
import { addPalletItemBody, byOrderQuery, createPalletBody, labelQuery, palletSchema } from './pallet.schema.js';
import { addPalletItem, createPallet, getPallet, listPallets } from './pallet.service.js';

const tags = ['pallets'];

export const palletRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/pallets', { schema: { tags, body: createPalletBody, response: { 201: palletSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createPallet(contextOf(request), request.body);
  });
  app.get('/pallets', { schema: { tags, querystring: byOrderQuery, response: { 200: z.object({ items: z.array(palletSchema), nextCursor: z.null() }), ...errorResponses } } }, async (request) =>
    listPallets(contextOf(request), request.query.salesOrderId),
  );
  app.get('/pallets/:id', { schema: { tags, params: idParams, response: { 200: palletSchema, ...errorResponses } } }, async (request) => getPallet(contextOf(request), request.params.id));
  app.post('/pallets/:id/items', { schema: { tags, params: idParams, body: addPalletItemBody, response: { 200: palletSchema, ...errorResponses } } }, async (request) =>
    addPalletItem(contextOf(request), request.params.id, request.body),
  );
  app.get(
    '/pallets/:id/label',
    {
      schema: {
        tags,
        description: 'GS1-128 logistics label: ZPL, SVG or PDF',
        produces: ['application/zpl', 'image/svg+xml', 'application/pdf'],
        params: idParams,
        querystring: labelQuery,
        response: { 200: z.string().describe('the label'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const label = await renderPalletLabel(contextOf(request), request.params.id, request.query.format);
      // A Buffer goes out as it is, never serialized: the schema's type does not cover it.
      return reply.type(label.contentType).send(label.body as unknown as string);
    },
  );
};
