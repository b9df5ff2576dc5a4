import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { recallQuery, recallSchema, traceQuery, traceSchema } from './trace.schema.js';
import { recallLot, recallLotJson, recallToCsv, traceLicensePlatesJson } from './trace.service.js';

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
      if (!wantsCsv(request.headers.accept)) return sendJsonText(reply, await recallLotJson(contextOf(request), request.query));
      const recall = await recallLot(contextOf(request), request.query);
      const filename = `recall-${request.query.lot.replace(/[^A-Za-z0-9._-]/g, '_')}.csv`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(recallToCsv(recall));
    },
  );
};
