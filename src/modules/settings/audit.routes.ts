import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { auditEntrySchema, listAuditQuery } from './audit.schema.js';
import { listAudit } from './audit.service.js';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/audit', { schema: { tags: ['audit'], querystring: listAuditQuery, response: { 200: pageOf(auditEntrySchema), ...errorResponses } } }, async (request) =>
    listAudit(contextOf(request), request.query),
  );
};
