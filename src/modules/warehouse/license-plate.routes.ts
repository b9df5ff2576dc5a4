import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { mergeLicensePlates, splitLicensePlate } from './lineage.service.js';
import {
  adjustBody,
  licensePlateSchema,
  listedLicensePlateSchema,
  listLicensePlatesQuery,
  mergeBody,
  moveBody,
  movesQuery,
  numberParams,
  splitBody,
  splitResponse,
  stockMoveSchema,
} from './license-plate.schema.js';
import { adjustLicensePlate, getLicensePlate, getLicensePlateByNumber, listLicensePlateMoves, listLicensePlates, moveLicensePlate } from './license-plate.service.js';

const tags = ['license-plates'];
const one = { 200: licensePlateSchema, ...errorResponses };

export const licensePlateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/license-plates', { schema: { tags, querystring: listLicensePlatesQuery, response: { 200: pageOf(listedLicensePlateSchema), ...errorResponses } } }, async (request) =>
    listLicensePlates(contextOf(request), request.query),
  );
  app.get('/license-plates/by-number/:number', { schema: { tags, params: numberParams, response: one } }, async (request) =>
    getLicensePlateByNumber(contextOf(request), request.params.number),
  );
  app.get('/license-plates/:id', { schema: { tags, params: idParams, response: one } }, async (request) => getLicensePlate(contextOf(request), request.params.id));
  app.get('/license-plates/:id/moves', { schema: { tags, params: idParams, querystring: movesQuery, response: { 200: pageOf(stockMoveSchema), ...errorResponses } } }, async (request) =>
    listLicensePlateMoves(contextOf(request), request.params.id, request.query),
  );
  app.post('/license-plates/:id/move', { schema: { tags, params: idParams, body: moveBody, response: one } }, async (request) =>
    moveLicensePlate(contextOf(request), request.params.id, request.body),
  );
  app.post('/license-plates/:id/split', { schema: { tags, params: idParams, body: splitBody, response: { 201: splitResponse, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return splitLicensePlate(contextOf(request), request.params.id, request.body);
  });
  app.post('/license-plates/merge', { schema: { tags, body: mergeBody, response: one } }, async (request) => mergeLicensePlates(contextOf(request), request.body));
  app.post('/license-plates/:id/adjust', { schema: { tags, params: idParams, body: adjustBody, response: one } }, async (request) =>
    adjustLicensePlate(contextOf(request), request.params.id, request.body),
  );
};
