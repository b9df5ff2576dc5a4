import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { createHoldBody, holdSchema, holdSummarySchema, listHoldsQuery, releaseHoldBody } from './hold.schema.js';
import { createHold, getHold, listHolds, releaseHold } from './hold.service.js';

const tags = ['holds'];
const one = { 200: holdSchema, ...errorResponses };

export const holdRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/holds', { schema: { tags, body: createHoldBody, response: { 201: holdSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createHold(contextOf(request), request.body);
  });
  app.get('/holds', { schema: { tags, querystring: listHoldsQuery, response: { 200: pageOf(holdSummarySchema), ...errorResponses } } }, async (request) =>
    listHolds(contextOf(request), request.query),
  );
  app.get('/holds/:id', { schema: { tags, params: idParams, response: one } }, async (request) => getHold(contextOf(request), request.params.id));
  app.post('/holds/:id/release', { schema: { tags, description: 'signed', params: idParams, body: releaseHoldBody, response: one } }, async (request) =>
    releaseHold(contextOf(request), request.params.id, request.body),
  );
};
