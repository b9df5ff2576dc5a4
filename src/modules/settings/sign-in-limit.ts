import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.js';

/**
 * The client address that throttling counts: request.ip (taken from X-Forwarded-For only when
 * TRUST_PROXY names the proxies), an IPv6 client by its /64, since one machine usually holds
 * a whole /64 and could otherwise take a fresh address for every attempt.
 */
export const clientAddressOf = (request: FastifyRequest): string => normalizeIP(request.ip);

/**
 * An onRequest hook for the routes that check a password (signup, login, password change):
 * argon2 is expensive on purpose, so from one client address they share one budget of
 * AUTH_RATE_LIMIT_PER_MINUTE attempts, counted before anything is parsed or hashed.
 * One limiter serves every route it is put on (a per-route `config.rateLimit` would give each
 * route a store of its own, and so a budget of its own); it is kept in Redis when configured,
 * so the budget holds across server instances. Route-based: the request line plays no part.
 */
export function createSignInLimit(app: FastifyInstance) {
  const limit = app.createRateLimit({
    max: app.platform.config.AUTH_RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (request) => `sign-in:${clientAddressOf(request)}`,
    // Nothing is exempt: the global limit's allow-list is about other routes.
    allowList: [],
  });
  return async (request: FastifyRequest): Promise<void> => {
    const result = await limit(request);
    if (result.isAllowed || !result.isExceeded) return;
    const seconds = Math.max(1, result.ttlInSeconds);
    throw new AppError('RATE_LIMITED', `too many sign-in attempts from your address; try again in ${seconds} seconds`, undefined, {
      'retry-after': String(seconds),
    });
  };
}
