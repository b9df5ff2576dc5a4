import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { codedRecords } from '../db/coded-records.js';
import { contextOf } from './authenticate.js';
import { idsQuery, pageOf, pageQuery } from './pagination.js';
import { errorResponses, idParams, noContent } from './schemas.js';

interface CodedRecordRoutesSpec {
  path: string;
  tag: string;
  store: ReturnType<typeof codedRecords>;
  record: z.ZodType;
  createBody: z.ZodObject;
  updateBody: z.ZodObject;
}

const listQuery = z.strictObject({ ...pageQuery, ...idsQuery, search: z.string().trim().max(100).optional(), active: z.enum(['true', 'false']).optional() });

/** GET list, GET one, POST and PATCH for a coded master record. */
export function codedRecordRoutes(spec: CodedRecordRoutesSpec): FastifyPluginAsyncZod {
  const { path, store } = spec;
  const tags = [spec.tag];
  return async (app) => {
    app.get(path, { schema: { tags, querystring: listQuery, response: { 200: pageOf(spec.record), ...errorResponses } } }, async (request) =>
      store.list(contextOf(request), request.query),
    );
    app.get(`${path}/:id`, { schema: { tags, params: idParams, response: { 200: spec.record, ...errorResponses } } }, async (request) =>
      store.get(contextOf(request), request.params.id),
    );
    app.post(path, { schema: { tags, body: spec.createBody, response: { 201: spec.record, ...errorResponses } } }, async (request, reply) => {
      reply.code(201);
      return store.create(contextOf(request), request.body as { code: string; name: string });
    });
    app.patch(`${path}/:id`, { schema: { tags, params: idParams, body: spec.updateBody, response: { 200: spec.record, ...errorResponses } } }, async (request) =>
      store.update(contextOf(request), request.params.id, request.body as Record<string, unknown>),
    );
    app.delete(`${path}/:id`, { schema: { tags, params: idParams, response: { 204: noContent, ...errorResponses } } }, async (request, reply) => {
      await store.remove(contextOf(request), request.params.id);
      return reply.code(204).send(null);
    });
  };
}
