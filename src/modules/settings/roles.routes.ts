import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { createRoleBody, noEscalation, roleListSchema, roleSchema, updateRoleBody } from './roles.schema.js';
import { createRole, getRole, listRoles, updateRole } from './roles.service.js';

export const roleRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['roles'];
  app.get('/roles', { schema: { tags, response: { 200: roleListSchema, ...errorResponses } } }, async (request) => listRoles(contextOf(request)));
  app.get('/roles/:id', { schema: { tags, params: idParams, response: { 200: roleSchema, ...errorResponses } } }, async (request) =>
    getRole(contextOf(request), request.params.id),
  );
  app.post('/roles', { schema: { tags, description: noEscalation, body: createRoleBody, response: { 201: roleSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createRole(contextOf(request), request.body);
  });
  app.patch('/roles/:id', { schema: { tags, description: noEscalation, params: idParams, body: updateRoleBody, response: { 200: roleSchema, ...errorResponses } } }, async (request) =>
    updateRole(contextOf(request), request.params.id, request.body),
  );
};
