import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { ccpSchema, createCcpBody, createReadingBody, listReadingsQuery, readingSchema } from './ccp.schema.js';
import { createCcp, getCcp, listCcps, listReadings, recordReading } from './ccp.service.js';

const tags = ['haccp'];
const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.null() });

export const ccpRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/haccp/ccps', { schema: { tags, body: createCcpBody, response: { 201: ccpSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createCcp(contextOf(request), request.body);
  });
  app.get('/haccp/ccps', { schema: { tags, response: { 200: listOf(ccpSchema), ...errorResponses } } }, async (request) => listCcps(contextOf(request)));
  app.get('/haccp/ccps/:id', { schema: { tags, params: idParams, response: { 200: ccpSchema, ...errorResponses } } }, async (request) => getCcp(contextOf(request), request.params.id));
  app.post(
    '/haccp/ccps/:id/readings',
    { schema: { tags, description: 'outside the limits: a deviation NCR and ccp.deviation', params: idParams, body: createReadingBody, response: { 201: readingSchema, ...errorResponses } } },
    async (request, reply) => {
      reply.code(201);
      return recordReading(contextOf(request), request.params.id, request.body);
    },
  );
  app.get('/haccp/ccps/:id/readings', { schema: { tags, params: idParams, querystring: listReadingsQuery, response: { 200: listOf(readingSchema), ...errorResponses } } }, async (request) =>
    listReadings(contextOf(request), request.params.id, request.query),
  );
};
