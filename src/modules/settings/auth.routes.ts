import cookie from '@fastify/cookie';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses, noContent } from '../../platform/http/schemas.js';
import { changePasswordBody, loginBody, meSchema, refreshBody, sessionSchema, signupBody, tokenPair } from './auth.schema.js';
import { changeOwnPassword, getMe, login, logout, refresh, signup } from './auth.service.js';
import { answerWithRefreshToken, clearRefreshCookie, presentedRefreshToken } from './refresh-cookie.js';
import { clientAddressOf, createSignInLimit } from './sign-in-limit.js';

const tags = ['auth'];
const cookieMode =
  'With the request header `X-Refresh-Cookie: 1` (cookie mode, for the web app) the refresh token is set as the cookie ' +
  '`monopilot_refresh` (HttpOnly, SameSite=Strict, Path=/api/v1/auth, 30 days; Secure over https) and left out of the JSON body.';
const signInLimit = 'Limited per client address to AUTH_RATE_LIMIT_PER_MINUTE attempts a minute, shared with signup, login and the password change (429 with Retry-After).';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const platform = app.platform;
  await app.register(cookie);
  const limitSignIn = createSignInLimit(app);
  app.post(
    '/auth/signup',
    { onRequest: limitSignIn, config: { public: true }, schema: { tags, security: [], description: `${cookieMode} ${signInLimit}`, body: signupBody, response: { 201: sessionSchema, ...errorResponses } } },
    async (request, reply) => {
      const session = await signup(platform, request.body);
      return reply.code(201).send(answerWithRefreshToken(request, reply, session));
    },
  );
  app.post(
    '/auth/login',
    { onRequest: limitSignIn, config: { public: true }, schema: { tags, security: [], description: `${cookieMode} ${signInLimit}`, body: loginBody, response: { 200: sessionSchema, ...errorResponses } } },
    async (request, reply) => answerWithRefreshToken(request, reply, await login(platform, request.body, clientAddressOf(request))),
  );
  app.post(
    '/auth/refresh',
    { config: { public: true }, schema: { tags, security: [], description: `${cookieMode} In cookie mode the token is read from that cookie (401 without it) and the body may be {}.`, body: refreshBody.nullish(), response: { 200: tokenPair, ...errorResponses } } },
    async (request, reply) => answerWithRefreshToken(request, reply, await refresh(platform, presentedRefreshToken(request, request.body))),
  );
  app.post(
    '/auth/logout',
    { config: { public: true }, schema: { tags, security: [], description: 'In cookie mode (`X-Refresh-Cookie: 1`) the token is read from the `monopilot_refresh` cookie (401 without it), which the answer clears (Max-Age=0).', body: refreshBody.nullish(), response: { 204: noContent, ...errorResponses } } },
    async (request, reply) => {
      await logout(platform, presentedRefreshToken(request, request.body));
      clearRefreshCookie(request, reply);
      return reply.code(204).send(null);
    },
  );
  app.get('/me', { schema: { tags, response: { 200: meSchema, ...errorResponses } } }, async (request) => getMe(contextOf(request)));
  app.post(
    '/me/password',
    {
      // The change is checked against the sign-in throttle in transactions of its own (a wrong
      // password must be counted even though the request fails), which cannot run inside the
      // idempotency wrapper's transaction on the embedded database's single connection. A
      // password change has no answer worth replaying: a retry is simply checked again.
      config: { idempotent: false },
      onRequest: limitSignIn,
      schema: {
        tags,
        description:
          'Changes your own password (204). Every other session of yours ends: all your refresh tokens are revoked except those of the session ' +
          'your access token was issued in (the sign-in or refresh that gave it), which goes on refreshing. A wrong currentPassword is a 400 ' +
          'naming it, and counts like a failed sign-in (five from one address lock that address out for 15 minutes: 429). ' +
          signInLimit,
        body: changePasswordBody,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await changeOwnPassword(contextOf(request), request.body, { clientAddress: clientAddressOf(request), sessionId: contextOf(request).sessionId ?? null });
      return reply.code(204).send(null);
    },
  );
};

