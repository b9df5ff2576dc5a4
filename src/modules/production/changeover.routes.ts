import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { changeoverSchema, recordChangeoverBody } from './changeover.schema.js';
import { listChangeovers, recordChangeover } from './changeover.service.js';

const tags = ['production-lines'];

export const changeoverRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/lines/:id/changeovers',
    { schema: { tags, description: 'signed: the line was cleaned (allergen changeover)', params: idParams, body: recordChangeoverBody, response: { 201: changeoverSchema, ...errorResponses } } },
    async (request, reply) => {
      reply.code(201);
      return recordChangeover(contextOf(request), request.params.id, request.body);
    },
  );
  app.get('/lines/:id/changeovers', { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(changeoverSchema), nextCursor: z.null() }), ...errorResponses } } }, async (request) =>
    listChangeovers(contextOf(request), request.params.id),
  );
};
