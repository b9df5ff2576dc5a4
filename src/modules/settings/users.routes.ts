import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { createRole, getRole, listRoles, updateRole } from './roles.service.js';
import { createRoleBody, createUserBody, listUsersQuery, roleSchema, updateRoleBody, updateUserBody, userSchema } from './users.schema.js';
import { createUser, getUser, listUsers, updateUser } from './users.service.js';

const noEscalation = 'No module may end up above your own level (403, nothing changes); what the user or role already holds may stay, so removing and lowering are always allowed.';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['users'];
  app.get('/users', { schema: { tags, querystring: listUsersQuery, response: { 200: pageOf(userSchema), ...errorResponses } } }, async (request) =>
    listUsers(contextOf(request), request.query),
  );
  app.get('/users/:id', { schema: { tags, params: idParams, response: { 200: userSchema, ...errorResponses } } }, async (request) =>
    getUser(contextOf(request), request.params.id),
  );
  app.post('/users', { schema: { tags, description: `The roles given: ${noEscalation}`, body: createUserBody, response: { 201: userSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return createUser(contextOf(request), request.body);
  });
  const updateUserDescription =
    `The roles given: ${noEscalation} A new \`password\` revokes all the user's sessions (refresh tokens), as deactivation does; ` +
    'setting the password of a user who holds more than you in any module is 403.';
  app.patch('/users/:id', { schema: { tags, description: updateUserDescription, params: idParams, body: updateUserBody, response: { 200: userSchema, ...errorResponses } } }, async (request) =>
    updateUser(contextOf(request), request.params.id, request.body),
  );
};

export const roleRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['roles'];
  app.get('/roles', { schema: { tags, response: { 200: z.object({ items: z.array(roleSchema), nextCursor: z.null() }), ...errorResponses } } }, async (request) =>
    listRoles(contextOf(request)),
  );
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
