import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { createReceiptBody, listReceiptsQuery, receiptSchema } from './receipt.schema.js';
import { createReceipt, getReceipt, listReceipts } from './receipt.service.js';

const tags = ['receipts'];

export const receiptRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/receipts', { schema: { tags, querystring: listReceiptsQuery, response: { 200: pageOf(receiptSchema), ...errorResponses } } }, async (request) =>
    listReceipts(contextOf(request), request.query),
  );
  app.get('/receipts/:id', { schema: { tags, params: idParams, response: { 200: receiptSchema, ...errorResponses } } }, async (request) =>
    getReceipt(contextOf(request), request.params.id),
  );
  app.post('/receipts', { schema: { tags, body: createReceiptBody, response: { 201: receiptSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createReceipt(contextOf(request), request.body);
  });
};
