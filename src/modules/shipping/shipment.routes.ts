import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { createShipmentBody, listShipmentsQuery, shipmentSchema } from './shipment.schema.js';
import { createShipment, getShipment, listShipments } from './shipment.service.js';
import { renderDeliveryNote } from './delivery-note.service.js';
import { z } from 'zod';

const tags = ['shipments'];

export const shipmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/shipments', { schema: { tags, querystring: listShipmentsQuery, response: { 200: pageOf(shipmentSchema), ...errorResponses } } }, async (request) =>
    listShipments(contextOf(request), request.query),
  );
  app.get('/shipments/:id', { schema: { tags, params: idParams, response: { 200: shipmentSchema, ...errorResponses } } }, async (request) =>
    getShipment(contextOf(request), request.params.id),
  );
  app.post('/shipments', { schema: { tags, body: createShipmentBody, response: { 201: shipmentSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createShipment(contextOf(request), request.body);
  });
  app.get(
    '/shipments/:id/delivery-note',
    { schema: { tags, description: 'The delivery note as a PDF', produces: ['application/pdf'], params: idParams, response: { 200: z.string().describe('PDF'), ...errorResponses } } },
    async (request, reply) => {
      const pdf = await renderDeliveryNote(contextOf(request), request.params.id);
      // A Buffer goes out as it is, never serialized: the schema's type does not cover it.
      return reply.type('application/pdf').header('content-disposition', 'inline; filename="delivery-note.pdf"').send(pdf as unknown as string);
    },
  );
};
