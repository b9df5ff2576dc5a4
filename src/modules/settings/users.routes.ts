import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageOf } from '../../platform/http/pagination.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { noEscalation } from './roles.schema.js';
import { createUserBody, listUsersQuery, updateUserBody, userSchema } from './users.schema.js';
import { createUser, getUser, listUsers, updateUser } from './users.service.js';

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
