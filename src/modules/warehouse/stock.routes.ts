import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { fefoQuery, fefoResponse, stockQuery, stockResponse } from './stock.schema.js';
import { getStock, suggestFefo } from './stock.service.js';

const tags = ['stock'];

export const stockRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/stock', { schema: { tags, querystring: stockQuery, response: { 200: stockResponse, ...errorResponses } } }, async (request) =>
    getStock(contextOf(request), request.query),
  );
  app.get('/stock/fefo', { schema: { tags, querystring: fefoQuery, response: { 200: fefoResponse, ...errorResponses } } }, async (request) =>
    suggestFefo(contextOf(request), request.query),
  );
};
