import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { dashboardSchema } from './dashboard.schema.js';
import { getDashboard, invalidateDashboardOnEvents } from './dashboard.service.js';

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  // The figures are cached; committed events drop them for as long as this server runs.
  const stopInvalidating = invalidateDashboardOnEvents(app.platform);
  app.addHook('onClose', async () => stopInvalidating());

  app.get(
    '/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        description: 'Live figures of the organization; needs read on production, warehouse, planning or quality.',
        response: { 200: dashboardSchema, ...errorResponses },
      },
    },
    async (request) => getDashboard(contextOf(request)),
  );
};
