import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { allergenListSchema, allergenSchema, createAllergenBody } from './allergen.schema.js';
import { createAllergen, listAllergens } from './allergen.service.js';

const tags = ['allergens'];

export const allergenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/allergens', { schema: { tags, response: { 200: allergenListSchema, ...errorResponses } } }, async (request) => listAllergens(contextOf(request)));
  app.post('/allergens', { schema: { tags, body: createAllergenBody, response: { 201: allergenSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createAllergen(contextOf(request), request.body);
  });
};
