import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { createSpecificationBody, listSpecificationsQuery, specificationSchema, updateSpecificationBody } from './specifications.schema.js';
import { createSpecification, getSpecification, listSpecifications, updateSpecification } from './specifications.service.js';

const tags = ['specifications'];
const one = { 200: specificationSchema, ...errorResponses };

export const specificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/specifications', { schema: { tags, querystring: listSpecificationsQuery, response: { 200: pageOf(specificationSchema), ...errorResponses } } }, async (request) =>
    listSpecifications(contextOf(request), request.query),
  );
  app.get('/specifications/:id', { schema: { tags, params: idParams, response: one } }, async (request) => getSpecification(contextOf(request), request.params.id));
  app.post(
    '/specifications',
    { schema: { tags, body: createSpecificationBody, response: { 201: specificationSchema, ...errorResponses }, description: 'Active at once; supersedes the active one of the same product and stage.' } },
    async (request, reply) => {
      reply.code(201);
      return createSpecification(contextOf(request), request.body);
    },
  );
  app.patch(
    '/specifications/:id',
    { schema: { tags, params: idParams, body: updateSpecificationBody, response: one, description: '409 once an inspection used it, or when superseded: create a new version instead.' } },
    async (request) => updateSpecification(contextOf(request), request.params.id, request.body),
  );
};
