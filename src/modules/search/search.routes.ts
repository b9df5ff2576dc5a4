import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { searchAnswer, searchQuery } from './search.schema.js';
import { searchEverything } from './search.service.js';

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        description:
          'Finds anything by a code a person types or scans: license plates (number), lots, products (code or name), work, purchase and sales orders (number) and pallets (SSCC), any case and by any part, the exact code first in each kind. Kinds the caller may not read are left out.',
        querystring: searchQuery,
        response: { 200: searchAnswer, ...errorResponses },
      },
    },
    async (request) => searchEverything(contextOf(request), request.query),
  );
};
