import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { fsma204Csv } from './fsma204.service.js';
import { massBalanceSchema } from './mass-balance.schema.js';
import { massBalance } from './mass-balance.service.js';
import { recallReportCsv } from './recall-report.csv.js';
import { recallReportPdf } from './recall-report.pdf.js';
import { buildRecallReport } from './recall-report.service.js';
import { recallQuery } from './trace.schema.js';

const reportQuery = recallQuery.extend({ format: z.enum(['csv', 'pdf']).default('pdf').describe('pdf (default) or csv') });
const fileName = (prefix: string, lot: string, extension: string) => `${prefix}-${lot.replace(/[^A-Za-z0-9._-]/g, '_')}.${extension}`;

const tags = ['traceability'];

/** What an authority or auditor asks for about a lot: the recall report, the FSMA 204 spreadsheet and the mass balance. */
export const lotReportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/trace/recall/report',
    {
      schema: {
        tags,
        description:
          'The recall of a lot as one sends it to an authority, PDF or CSV: a header (lot, generated at and by, totals), the supplier receipts it came from (supplier, PO, receipt date, qty), the work orders it went through, every customer with contact and quantity, every shipment, and every plate (a plate no longer in the plant shows no location).',
        produces: ['application/pdf', 'text/csv'],
        querystring: reportQuery,
        response: { 200: z.string().describe('the report, PDF or CSV'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const report = await buildRecallReport(contextOf(request), query);
      const name = fileName('recall-report', query.lot, format);
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(recallReportCsv(report));
      // A Buffer goes out as it is, never serialized: the schema's type does not cover it.
      return reply.type('application/pdf').send((await recallReportPdf(report)) as unknown as string);
    },
  );
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
