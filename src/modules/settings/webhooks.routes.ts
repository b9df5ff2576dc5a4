import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams, noContent } from '../../platform/http/schemas.js';
import { createdWebhookSchema, createWebhookBody, deliverySchema, listDeliveriesQuery, listWebhooksQuery, webhookSchema } from './webhooks.schema.js';
import { checkWebhookUrl, createWebhook, deleteWebhook, listWebhookDeliveries, listWebhooks } from './webhooks.service.js';

export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['webhooks'];
  app.get('/webhooks', { schema: { tags, querystring: listWebhooksQuery, response: { 200: pageOf(webhookSchema), ...errorResponses } } }, async (request) =>
    listWebhooks(contextOf(request), request.query),
  );
  app.post(
    '/webhooks',
    {
      schema: { tags, body: createWebhookBody, response: { 201: createdWebhookSchema, ...errorResponses } },
      // The answer holds the new secret: a stored replay of it is sealed like the secret itself.
      config: { sealsReplay: true },
      // The URL's host is looked up here, outside the transaction the handler may run in.
      preHandler: async (request) => checkWebhookUrl(contextOf(request), request.body.url),
    },
    async (request, reply) => {
      reply.code(201);
      return createWebhook(contextOf(request), request.body);
    },
  );
  app.delete('/webhooks/:id', { schema: { tags, params: idParams, response: { 204: noContent, ...errorResponses } } }, async (request, reply) => {
    await deleteWebhook(contextOf(request), request.params.id);
    return reply.code(204).send(null);
  });
  app.get(
    '/webhooks/:id/deliveries',
    { schema: { tags, params: idParams, querystring: listDeliveriesQuery, response: { 200: pageOf(deliverySchema), ...errorResponses } } },
    async (request) => listWebhookDeliveries(contextOf(request), request.params.id, request.query),
  );
};
