import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { identifyRequestLogger } from '../log.js';
import type { Permissions } from '../auth/permissions.js';
import type { Platform, RequestContext } from '../context.js';
import { isApiRoute } from './api-route.js';
import { AppError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext | null;
  }
  interface FastifyContextConfig {
    /** Reachable without an access token (signup, login, health). */
    public?: boolean;
    /**
     * Takes the access token from ?access_token= as well (the event stream: EventSource cannot
     * send headers). Anywhere else a token in the URL would end up in logs and browser history.
     */
    acceptsTokenInQuery?: boolean;
  }
}

/** Answers whether a user may still act, and with which rights; null when the user is gone or inactive. */
export type AccessResolver = (platform: Platform, orgId: string, userId: string) => Promise<Permissions | null>;

export interface AuthenticationOptions {
  /** Runs before a request is refused for want of a valid token (the rate limit counts it by client address). */
  onRefused(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

const unauthenticated = () =>
  new AppError('UNAUTHENTICATED', 'a valid access token is required', undefined, { 'www-authenticate': 'Bearer' });

/** Turns a Bearer token (or ?access_token= on the event stream) into the request's context. */
export function registerAuthentication(app: FastifyInstance, platform: Platform, resolveAccess: AccessResolver, options: AuthenticationOptions): void {
  app.decorateRequest('ctx', null);
  app.addHook('onRequest', async (request, reply) => {
    // No route matched: let the not-found handler answer 404 (or 405) rather than 401.
    if (!isApiRoute(request) || request.routeOptions.config.public) return;
    const ctx = await contextFromToken(request, platform, resolveAccess);
    if (!ctx) {
      await options.onRefused(request, reply);
      throw unauthenticated();
    }
    request.ctx = ctx;
    // The request's logger (also the reply's, which logs 'request completed') names them from now on.
    identifyRequestLogger(request.log, { orgId: ctx.orgId, userId: ctx.userId });
  });
}

async function contextFromToken(request: FastifyRequest, platform: Platform, resolveAccess: AccessResolver): Promise<RequestContext | null> {
  const token = bearerToken(request);
  if (!token) return null;
  const claims = await platform.tokens.verifyAccess(token);
  if (!claims) return null;
  const permissions = await resolveAccess(platform, claims.orgId, claims.userId);
  if (!permissions) return null;
  return {
    orgId: claims.orgId,
    userId: claims.userId,
    permissions,
    requestId: request.id,
    // A GET only reads: it goes on while the organization is being moved (tenancy.ts).
    readsOnly: request.method === 'GET' || request.method === 'HEAD',
    databases: platform.databases,
    platform,
    sessionId: claims.sessionId,
    tokenExpiresAt: claims.expiresAt,
  };
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  if (!request.routeOptions.config.acceptsTokenInQuery) return null;
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.access_token === 'string' ? query.access_token : null;
}

/** The request's context; routes behind authentication always have one. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.ctx) throw unauthenticated();
  return request.ctx;
}
