import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams, noContent } from '../../platform/http/schemas.js';
import { explodeBom, getBomInForce } from './bom-lookup.service.js';
import { bomOnDateQuery, bomSchema, createBomBody, explosionQuery, explosionSchema, listBomsQuery, updateBomBody } from './bom.schema.js';
import { activateBom, createBom, deleteBom, getBom, listBoms, updateBom } from './bom.service.js';

const tags = ['boms'];

export const bomRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/boms', { schema: { tags, querystring: listBomsQuery, response: { 200: pageOf(bomSchema), ...errorResponses } } }, async (request) =>
    listBoms(contextOf(request), request.query),
  );
  app.get('/boms/:id', { schema: { tags, params: idParams, response: { 200: bomSchema, ...errorResponses } } }, async (request) =>
    getBom(contextOf(request), request.params.id),
  );
  app.post('/boms', { schema: { tags, body: createBomBody, response: { 201: bomSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createBom(contextOf(request), request.body);
  });
  app.patch('/boms/:id', { schema: { tags, params: idParams, body: updateBomBody, response: { 200: bomSchema, ...errorResponses } } }, async (request) =>
    updateBom(contextOf(request), request.params.id, request.body),
  );
  app.delete('/boms/:id', { schema: { tags, params: idParams, response: { 204: noContent, ...errorResponses } } }, async (request, reply) => {
    await deleteBom(contextOf(request), request.params.id);
    return reply.code(204).send(null);
  });
  const activateDescription =
    'Puts a draft in force. 409 when its dates overlap another active version of the product, or when the product would contain itself at any depth (checked over active BOMs of every date).';
  app.post('/boms/:id/activate', { schema: { tags, description: activateDescription, params: idParams, response: { 200: bomSchema, ...errorResponses } } }, async (request) =>
    activateBom(contextOf(request), request.params.id),
  );
  app.get(
    '/products/:id/bom',
    { schema: { tags, params: idParams, querystring: bomOnDateQuery, response: { 200: bomSchema, ...errorResponses } } },
    async (request) => getBomInForce(contextOf(request), request.params.id, request.query.date),
  );
  app.get(
    '/products/:id/bom/explosion',
    {
      schema: {
        tags,
        description:
          'Raw materials for qty of the product on a date, through every level of the BOMs in force that day. Each level needs item qty × (1 + scrapPercent / 100) per outputQty. ' +
          'items has one line per path (not aggregated; a component reached along two paths appears twice), each with the path of product ids from the product down; ' +
          'totals sums them per product. Leaves are components with no BOM in force on the date. Computed exactly in SQL, rounded once to 6 decimals. 404 when the product has no BOM in force.',
        params: idParams,
        querystring: explosionQuery,
        response: { 200: explosionSchema, ...errorResponses },
      },
    },
    async (request) => explodeBom(contextOf(request), request.params.id, request.query),
  );
};
