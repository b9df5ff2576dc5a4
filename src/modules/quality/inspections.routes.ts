import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { completeInspection } from './inspection-completion.service.js';
import { completeInspectionBody, createInspectionBody, inspectionSchema, listInspectionsQuery, recordResultsBody } from './inspections.schema.js';
import { createInspection, getInspection, listInspections, recordResults } from './inspections.service.js';

const tags = ['inspections'];
const one = { 200: inspectionSchema, ...errorResponses };

export const inspectionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/inspections', { schema: { tags, querystring: listInspectionsQuery, response: { 200: pageOf(inspectionSchema), ...errorResponses } } }, async (request) =>
    listInspections(contextOf(request), request.query),
  );
  app.get('/inspections/:id', { schema: { tags, params: idParams, response: one } }, async (request) => getInspection(contextOf(request), request.params.id));
  app.post(
    '/inspections',
    { schema: { tags, body: createInspectionBody, response: { 201: inspectionSchema, ...errorResponses }, description: "By hand, for a lot's LPs still in the plant." } },
    async (request, reply) => {
      reply.code(201);
      return createInspection(contextOf(request), request.body);
    },
  );
  app.post('/inspections/:id/results', { schema: { tags, params: idParams, body: recordResultsBody, response: one } }, async (request) =>
    recordResults(contextOf(request), request.params.id, request.body),
  );
  app.post(
    '/inspections/:id/complete',
    { schema: { tags, params: idParams, body: completeInspectionBody, response: one, description: 'Signed. 409 while a required parameter has no result.' } },
    async (request) => completeInspection(contextOf(request), request.params.id, request.body),
  );
};
