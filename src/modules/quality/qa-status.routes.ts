import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { licensePlateSchema } from '../warehouse/index.js';
import { decisionBody, holdBody } from './qa-status.schema.js';
import { decideOnLicensePlate } from './qa-status.service.js';

const tags = ['quality'];
const response = { 200: licensePlateSchema, ...errorResponses };

export const qaStatusRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/license-plates/:id/hold', { schema: { tags, params: idParams, body: holdBody, response } }, async (request) =>
    decideOnLicensePlate(contextOf(request), request.params.id, 'hold', request.body.reason),
  );
  app.post('/license-plates/:id/release', { schema: { tags, params: idParams, body: decisionBody, response } }, async (request) =>
    decideOnLicensePlate(contextOf(request), request.params.id, 'release', request.body?.reason),
  );
  app.post('/license-plates/:id/reject', { schema: { tags, params: idParams, body: decisionBody, response } }, async (request) =>
    decideOnLicensePlate(contextOf(request), request.params.id, 'reject', request.body?.reason),
  );
};
