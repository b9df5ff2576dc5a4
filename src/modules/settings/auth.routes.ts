import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses, noContent } from '../../platform/http/schemas.js';
import { loginBody, meSchema, refreshBody, sessionSchema, signupBody, tokenPair } from './auth.schema.js';
import { getMe, login, logout, refresh, signup } from './auth.service.js';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const platform = app.platform;
  app.post('/auth/signup', { config: { public: true }, schema: { tags, security: [], body: signupBody, response: { 201: sessionSchema, ...errorResponses } } }, async (request, reply) => {
    reply.code(201);
    return signup(platform, request.body);
  });
  app.post('/auth/login', { config: { public: true }, schema: { tags, security: [], body: loginBody, response: { 200: sessionSchema, ...errorResponses } } }, async (request) =>
    login(platform, request.body),
  );
  app.post('/auth/refresh', { config: { public: true }, schema: { tags, security: [], body: refreshBody, response: { 200: tokenPair, ...errorResponses } } }, async (request) =>
    refresh(platform, request.body.refreshToken),
  );
  app.post('/auth/logout', { config: { public: true }, schema: { tags, security: [], body: refreshBody, response: { 204: noContent, ...errorResponses } } }, async (request, reply) => {
    await logout(platform, request.body.refreshToken);
    return reply.code(204).send(null);
  });
  app.get('/me', { schema: { tags, response: { 200: meSchema, ...errorResponses } } }, async (request) => getMe(contextOf(request)));
};
