import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { csvBody, importProblemSchema, importQuery, importResultSchema } from './product-csv.schema.js';
import { exportProducts, importProducts } from './product-csv.service.js';

const tags = ['products'];

/** Spreadsheets of 10,000+ products fit comfortably. */
const CSV_BODY_LIMIT = 20 * 1024 * 1024;

export const productCsvRoutes: FastifyPluginAsyncZod = async (app) => {
  // Registered inside this plugin only: the rest of the API keeps accepting JSON alone.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT }, (_request, body, done) => done(null, body));

  app.post(
    '/products/import',
    {
      bodyLimit: CSV_BODY_LIMIT,
      schema: {
        tags,
        description:
          'Creates or updates products from CSV, all or nothing. An existing code is updated (name, type, uom, shelfLifeDays, gtin; allergens replaced). ' +
          'With dryRun=true the answer lists every error by row and column and nothing is written; without it, any error refuses the whole file (400).',
        consumes: ['text/csv'],
        querystring: importQuery,
        body: csvBody,
        response: { 200: importResultSchema, ...errorResponses, 400: importProblemSchema },
      },
    },
    async (request) => importProducts(contextOf(request), request.body, { dryRun: request.query.dryRun }),
  );

  app.get(
    '/products/export',
    { schema: { tags, description: 'Every product as CSV, in the format the import reads; text starting with = + - @ tab or CR gets a leading \' (spreadsheets show it, the import takes it off).', produces: ['text/csv'], response: { 200: z.string(), ...errorResponses } } },
    async (request, reply) => {
      const csv = await exportProducts(contextOf(request));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="products.csv"').send(csv);
    },
  );
};
