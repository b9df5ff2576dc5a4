import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { fsma204Csv } from './fsma204.service.js';
import { massBalanceSchema } from './mass-balance.schema.js';
import { massBalance } from './mass-balance.service.js';
import { recallQuery } from './trace.schema.js';

const tags = ['traceability'];

/** What an authority or auditor asks for about a lot: the FSMA 204 spreadsheet and the mass balance. */
export const lotReportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/trace/fsma204',
    {
      schema: {
        tags,
        description:
          "The FDA's sortable spreadsheet (FSMA 204) for the lot and every lot made from it: a row per critical tracking event (receiving, transformation per input lot, shipping) with its key data elements. CSV.",
        produces: ['text/csv'],
        querystring: recallQuery,
        response: { 200: z.string().describe('CSV, a header line first'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const csv = await fsma204Csv(contextOf(request), request.query);
      const filename = `fsma204-${request.query.lot.replace(/[^A-Za-z0-9._-]/g, '_')}.csv`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
    },
  );
  app.get(
    '/trace/mass-balance',
    { schema: { tags, description: "The lot's mass balance from the stock ledger, exact.", querystring: recallQuery, response: { 200: massBalanceSchema, ...errorResponses } } },
    async (request) => massBalance(contextOf(request), request.query),
  );
};
