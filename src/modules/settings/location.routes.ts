import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { createLocationBody, listLocationsQuery, locationSchema, updateLocationBody } from './location.schema.js';
import { createLocation, getLocation, listLocations, updateLocation } from './location.service.js';

const tags = ['locations'];

export const locationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/locations', { schema: { tags, querystring: listLocationsQuery, response: { 200: pageOf(locationSchema), ...errorResponses } } }, async (request) =>
    listLocations(contextOf(request), request.query),
  );
  app.get('/locations/:id', { schema: { tags, params: idParams, response: { 200: locationSchema, ...errorResponses } } }, async (request) =>
    getLocation(contextOf(request), request.params.id),
  );
  app.post('/locations', { schema: { tags, body: createLocationBody, response: { 201: locationSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createLocation(contextOf(request), request.body);
  });
  app.patch('/locations/:id', { schema: { tags, params: idParams, body: updateLocationBody, response: { 200: locationSchema, ...errorResponses } } }, async (request) =>
    updateLocation(contextOf(request), request.params.id, request.body),
  );
};
