import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Permissions } from '../auth/permissions.js';
import type { Platform, RequestContext } from '../context.js';
import { AppError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext | null;
  }
  interface FastifyContextConfig {
    /** Reachable without an access token (signup, login, health). */
    public?: boolean;
  }
}

/** Answers whether a user may still act, and with which rights; null when the user is gone or inactive. */
export type AccessResolver = (platform: Platform, orgId: string, userId: string) => Promise<Permissions | null>;

const unauthenticated = () =>
  new AppError('UNAUTHENTICATED', 'a valid access token is required', undefined, { 'www-authenticate': 'Bearer' });

/** Turns a Bearer token (or ?access_token= for EventSource) into the request's context. */
export function registerAuthentication(app: FastifyInstance, platform: Platform, resolveAccess: AccessResolver): void {
  app.decorateRequest('ctx', null);
  app.addHook('onRequest', async (request, reply) => {
    // No route matched: let the not-found handler answer 404 (or 405) rather than 401.
    if (!request.routeOptions.url || request.routeOptions.config.public || !request.url.startsWith('/api/v1/')) return;
    const token = bearerToken(request);
    if (!token) throw unauthenticated();
    const claims = await platform.tokens.verifyAccess(token);
    if (!claims) throw unauthenticated();
    const permissions = await resolveAccess(platform, claims.orgId, claims.userId);
    if (!permissions) throw unauthenticated();
    request.ctx = {
      orgId: claims.orgId,
      userId: claims.userId,
      permissions,
      requestId: request.id,
      databases: platform.databases,
      platform,
    };
    // The reply logs the 'request completed' line, so it gets the same child logger.
    request.log = reply.log = request.log.child({ orgId: claims.orgId, userId: claims.userId });
  });
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.access_token === 'string' ? query.access_token : null;
}

/** The request's context; routes behind authentication always have one. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.ctx) throw unauthenticated();
  return request.ctx;
}
