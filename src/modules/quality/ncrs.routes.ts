import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { closeNcrBody, createNcrBody, listNcrsQuery, ncrSchema, ncrSummarySchema, updateNcrBody } from './ncrs.schema.js';
import { closeNcr, createNcr, getNcr, listNcrs, summarizeNcrs, updateNcr } from './ncrs.service.js';

const tags = ['ncrs'];
const one = { 200: ncrSchema, ...errorResponses };

export const ncrRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/ncrs', { schema: { tags, querystring: listNcrsQuery, response: { 200: pageOf(ncrSchema), ...errorResponses } } }, async (request) =>
    listNcrs(contextOf(request), request.query),
  );
  app.get('/ncrs/summary', { schema: { tags, response: { 200: ncrSummarySchema, ...errorResponses } } }, async (request) => summarizeNcrs(contextOf(request)));
  app.get('/ncrs/:id', { schema: { tags, params: idParams, response: one } }, async (request) => getNcr(contextOf(request), request.params.id));
  app.post('/ncrs', { schema: { tags, body: createNcrBody, response: { 201: ncrSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createNcr(contextOf(request), request.body);
  });
  app.patch('/ncrs/:id', { schema: { tags, params: idParams, body: updateNcrBody, response: one } }, async (request) =>
    updateNcr(contextOf(request), request.params.id, request.body),
  );
  app.post(
    '/ncrs/:id/close',
    { schema: { tags, params: idParams, body: closeNcrBody, response: one, description: 'Signed: the caller types their password again (400 naming signature.password when wrong).' } },
    async (request) => closeNcr(contextOf(request), request.params.id, request.body),
  );
};
