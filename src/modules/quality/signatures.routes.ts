import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { listSignaturesQuery, signatureSchema } from './signatures.schema.js';
import { listSignatures } from './signatures.service.js';

export const signatureRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/signatures',
    { schema: { tags: ['quality'], querystring: listSignaturesQuery, response: { 200: pageOf(signatureSchema), ...errorResponses } } },
    async (request) => listSignatures(contextOf(request), request.query),
  );
};
