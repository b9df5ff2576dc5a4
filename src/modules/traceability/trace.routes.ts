import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { recallQuery, recallSchema, recallSummarySchema, traceQuery, traceSchema } from './trace.schema.js';
import { recallSummaryJson, streamRecall, traceLicensePlatesJson } from './trace.service.js';

const tags = ['traceability'];
const trace = { 200: traceSchema, ...errorResponses };
/** CSV when the client asks for text/csv (and does not put JSON first). */
const wantsCsv = (accept: string | undefined) => {
  const types = (accept ?? '').toLowerCase().split(',').map((part) => part.split(';')[0]!.trim());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv >= 0 && (json < 0 || csv < json);
};
/**
 * Sends JSON text the database built in the schema's shape (checked by the tests). A string
 * with a JSON content type skips the response serializer, so megabytes of trace are not
 * parsed, re-validated and re-serialized on the way out.
 */
const sendJsonText = (reply: FastifyReply, json: string) => reply.type('application/json; charset=utf-8').send(json);
const start = 'Start from ?licensePlateId=, or from every LP of a lot with ?productId=&lot=.';

export const traceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/trace/backward', { schema: { tags, description: `Where it came from, down to the receipts. ${start}`, querystring: traceQuery, response: trace } }, async (request, reply) =>
    sendJsonText(reply, await traceLicensePlatesJson(contextOf(request), 'backward', request.query)),
  );
  app.get('/trace/forward', { schema: { tags, description: `What was made of it, up to the shipments. ${start}`, querystring: traceQuery, response: trace } }, async (request, reply) =>
    sendJsonText(reply, await traceLicensePlatesJson(contextOf(request), 'forward', request.query)),
  );
  app.get(
    '/trace/recall',
    {
      schema: {
        tags,
        description: 'Every LP of the lot or made from it, where it is now, and every shipment and customer that received any. JSON, or CSV with Accept: text/csv.',
        produces: ['application/json', 'text/csv'],
        querystring: recallQuery,
        response: { 200: recallSchema.or(z.string().describe('the same recall as CSV (Accept: text/csv)')), ...errorResponses },
      },
    },
    async (request, reply) => {
      const csv = wantsCsv(request.headers.accept);
      // The answer streams from the database's cursor; headers go once the lot is known to exist.
      await streamRecall(contextOf(request), request.query, csv ? 'csv' : 'json', () => {
        const body = new PassThrough();
        if (csv) {
          const filename = `recall-${request.query.lot.replace(/[^A-Za-z0-9._-]/g, '_')}.csv`;
          reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`);
        } else reply.type('application/json; charset=utf-8');
        // A stream is piped out as it is, never serialized: the schema's type does not cover it.
        reply.send(body as unknown as string);
        return body;
      });
      return reply;
    },
  );
  app.get(
    '/trace/recall/summary',
    {
      schema: {
        tags,
        description:
          'The recall by lot: every lot (product and lot) reached forward from the suspect lot, itself first, with what was made of it, what is on hand where and what went to which customer, and those customers\' contacts. ' +
          'Counted over the LPs the forward trace reaches (the LP-level recall, summed): producedQty is the received quantity of its LPs that came in on a receipt plus the output quantity of its LPs a work order made, as first booked in the ledger (split LPs are part of their parent and merges only move quantity, so neither counts again); onHand sums its available LPs by location; shipped sums its shipment lines by customer.',
        querystring: recallQuery,
        response: { 200: recallSummarySchema, ...errorResponses },
      },
    },
    async (request, reply) => sendJsonText(reply, await recallSummaryJson(contextOf(request), request.query)),
  );
};
