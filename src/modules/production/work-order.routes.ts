import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { consumeForWorkOrder, reverseConsumption } from './consumption.service.js';
import { recordOutput } from './output.service.js';
import { checkAvailability } from './availability.service.js';
import {
  availabilityQuery,
  availabilitySchema,
  consumeBody,
  consumptionParams,
  consumptionSchema,
  createWorkOrderBody,
  listWorkOrdersQuery,
  outputBody,
  outputResponse,
  reverseBody,
  transitionBody,
  updateWorkOrderBody,
  workOrderSchema,
  listedWorkOrderSchema,
} from './work-order.schema.js';
import { createWorkOrder, getWorkOrder, listWorkOrders, transitionWorkOrder } from './work-order.service.js';
import { updateWorkOrder } from './work-order-line.service.js';
import { transitions, workOrderActions } from './work-order.transitions.js';

const tags = ['work-orders'];
const one = { 200: workOrderSchema, ...errorResponses };

export const workOrderRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/work-orders', { schema: { tags, body: createWorkOrderBody, response: { 201: workOrderSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createWorkOrder(contextOf(request), request.body);
  });
  app.get('/work-orders', { schema: { tags, querystring: listWorkOrdersQuery, response: { 200: pageOf(listedWorkOrderSchema), ...errorResponses } } }, async (request) =>
    listWorkOrders(contextOf(request), request.query),
  );
  app.get(
    '/work-orders/availability',
    { schema: { tags, description: 'what an order would need of each material and the usable stock now, before it exists or is released', querystring: availabilityQuery, response: { 200: availabilitySchema, ...errorResponses } } },
    async (request) => checkAvailability(contextOf(request), request.query),
  );
  app.get('/work-orders/:id', { schema: { tags, params: idParams, response: one } }, async (request) => getWorkOrder(contextOf(request), request.params.id));
  app.patch('/work-orders/:id', { schema: { tags, description: 'its line, before it starts', params: idParams, body: updateWorkOrderBody, response: one } }, async (request) =>
    updateWorkOrder(contextOf(request), request.params.id, request.body),
  );

  for (const action of workOrderActions) {
    const { from, to } = transitions[action];
    const description = `${from.join(' or ')} → ${to}; any other current status is 409`;
    app.post(`/work-orders/:id/${action}`, { schema: { tags, description, params: idParams, body: transitionBody, response: one } }, async (request) =>
      transitionWorkOrder(contextOf(request), request.params.id, action, request.body?.reason),
    );
  }

  app.post(
    '/work-orders/:id/consumptions',
    { schema: { tags, params: idParams, body: consumeBody, response: { 201: consumptionSchema, ...errorResponses } } },
    async (request, reply) => {
      reply.code(201);
      return consumeForWorkOrder(contextOf(request), request.params.id, request.body);
    },
  );
  app.post(
    '/work-orders/:id/consumptions/:consumptionId/reverse',
    { schema: { tags, params: consumptionParams, body: reverseBody, response: { 200: consumptionSchema, ...errorResponses } } },
    async (request) => reverseConsumption(contextOf(request), request.params.id, request.params.consumptionId, request.body?.reason),
  );
  app.post('/work-orders/:id/outputs', { schema: { tags, params: idParams, body: outputBody, response: { 201: outputResponse, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return recordOutput(contextOf(request), request.params.id, request.body);
  });
};
