import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { createPurchaseOrderBody, listPurchaseOrdersQuery, purchaseOrderSchema } from './purchase-order.schema.js';
import { approvePurchaseOrder, cancelPurchaseOrder, createPurchaseOrder, getPurchaseOrder, listPurchaseOrders } from './purchase-order.service.js';

const tags = ['purchase-orders'];
const one = { 200: purchaseOrderSchema, ...errorResponses };

export const purchaseOrderRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/purchase-orders', { schema: { tags, querystring: listPurchaseOrdersQuery, response: { 200: pageOf(purchaseOrderSchema), ...errorResponses } } }, async (request) =>
    listPurchaseOrders(contextOf(request), request.query),
  );
  app.get('/purchase-orders/:id', { schema: { tags, params: idParams, response: one } }, async (request) => getPurchaseOrder(contextOf(request), request.params.id));
  app.post('/purchase-orders', { schema: { tags, body: createPurchaseOrderBody, response: { 201: purchaseOrderSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createPurchaseOrder(contextOf(request), request.body);
  });
  app.post('/purchase-orders/:id/approve', { schema: { tags, params: idParams, response: one } }, async (request) => approvePurchaseOrder(contextOf(request), request.params.id));
  app.post('/purchase-orders/:id/cancel', { schema: { tags, params: idParams, response: one } }, async (request) => cancelPurchaseOrder(contextOf(request), request.params.id));
};
