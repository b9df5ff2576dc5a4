import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { allocateSalesOrder } from './allocation.service.js';
import { shipSalesOrder } from './dispatch.service.js';
import { pickBody, pickListSchema, pickResultSchema } from './pick-list.schema.js';
import { createPickList, getPickList, listPickLists } from './pick-list.service.js';
import { byOrderQuery } from './pallet.schema.js';
import { z } from 'zod';
import { pickFromList } from './pick.service.js';
import { createSalesOrderBody, listSalesOrdersQuery, salesOrderSchema, shippedSalesOrderSchema, shipSalesOrderBody } from './sales-order.schema.js';
import { cancelSalesOrder, confirmSalesOrder, createSalesOrder, getSalesOrder, listSalesOrders } from './sales-order.service.js';

const tags = ['sales-orders'];
const one = { 200: salesOrderSchema, ...errorResponses };

export const salesOrderRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/sales-orders', { schema: { tags, querystring: listSalesOrdersQuery, response: { 200: pageOf(salesOrderSchema), ...errorResponses } } }, async (request) =>
    listSalesOrders(contextOf(request), request.query),
  );
  app.get('/sales-orders/:id', { schema: { tags, params: idParams, response: one } }, async (request) => getSalesOrder(contextOf(request), request.params.id));
  app.post('/sales-orders', { schema: { tags, body: createSalesOrderBody, response: { 201: salesOrderSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createSalesOrder(contextOf(request), request.body);
  });
  app.post('/sales-orders/:id/confirm', { schema: { tags, params: idParams, response: one } }, async (request) => confirmSalesOrder(contextOf(request), request.params.id));
  app.post('/sales-orders/:id/cancel', { schema: { tags, params: idParams, response: one } }, async (request) => cancelSalesOrder(contextOf(request), request.params.id));
  app.post('/sales-orders/:id/allocate', { schema: { tags, params: idParams, response: one } }, async (request) => allocateSalesOrder(contextOf(request), request.params.id));
  app.post('/sales-orders/:id/ship', { schema: { tags, params: idParams, body: shipSalesOrderBody, response: { 200: shippedSalesOrderSchema, ...errorResponses } } }, async (request) =>
    shipSalesOrder(contextOf(request), request.params.id, request.body ?? {}),
  );
  app.post('/sales-orders/:id/pick-list', { schema: { tags, params: idParams, response: { 201: pickListSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createPickList(contextOf(request), request.params.id);
  });
};

export const pickListRoutes: FastifyPluginAsyncZod = async (app) => {
  const listTags = ['pick-lists'];
  app.get('/pick-lists', { schema: { tags: listTags, querystring: byOrderQuery, response: { 200: z.object({ items: z.array(pickListSchema), nextCursor: z.null() }), ...errorResponses } } }, async (request) =>
    listPickLists(contextOf(request), request.query.salesOrderId),
  );
  app.get('/pick-lists/:id', { schema: { tags: listTags, params: idParams, response: { 200: pickListSchema, ...errorResponses } } }, async (request) =>
    getPickList(contextOf(request), request.params.id),
  );
  app.post('/pick-lists/:id/pick', { schema: { tags: listTags, params: idParams, body: pickBody, response: { 200: pickResultSchema, ...errorResponses } } }, async (request) =>
    pickFromList(contextOf(request), request.params.id, request.body),
  );
};
