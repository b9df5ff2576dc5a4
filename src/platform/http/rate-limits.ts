import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { isApiRoute } from './api-route.js';
import { AppError } from './errors.js';

/**
 * API.md "API rate limit": RATE_LIMIT_PER_MINUTE requests a minute for each signed-in user, and
 * for each client address when there is no valid token (anonymous calls and invalid tokens alike).
 *
 * Each user has a bucket of their own: API.md also names a per-organization limit "with the same
 * number", but a shared organization bucket of that number is filled by any one user who fills
 * their own, which is exactly how a viewer's burst blocked the admin. The organization is still in
 * every key (a user belongs to one organization), and organizations never share a bucket.
 */
export interface RateLimits {
  /** Counts the request against its caller (user, else client address); throws 429 once over the limit. */
  count(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** The onRequest hook that counts every /api/v1 request, added after authentication so that the caller is known. */
  countApiRequest(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

const callerKey = (request: FastifyRequest) =>
  request.ctx ? `user:${request.ctx.orgId}:${request.ctx.userId}` : `ip:${normalizeIP(request.ip)}`;

/** Registers @fastify/rate-limit and builds the API's limit on it (sign-in builds its own per-address limit on it too). */
export async function createRateLimits(app: FastifyInstance, platform: Platform): Promise<RateLimits> {
  await app.register(rateLimit, {
    // No route is limited by the plugin itself: the API's limit is the hook below.
    global: false,
    hook: 'onRequest',
    max: platform.config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    redis: platform.cache.redis ?? undefined,
    nameSpace: 'mp-rate:',
    skipOnError: true,
    keyGenerator: callerKey,
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', `rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`),
  });
  const check = app.createRateLimit();

  const count: RateLimits['count'] = async (request, reply) => {
    const limit = await check(request);
    if (limit.isAllowed) return;
    reply.header('x-ratelimit-limit', limit.max).header('x-ratelimit-remaining', limit.remaining).header('x-ratelimit-reset', limit.ttlInSeconds);
    if (limit.isExceeded) {
      throw new AppError('RATE_LIMITED', `rate limit of ${limit.max} requests per minute exceeded; retry in ${limit.ttlInSeconds} s`, undefined, {
        'retry-after': String(limit.ttlInSeconds),
      });
    }
  };

  return {
    count,
    async countApiRequest(request, reply) {
      if (!isApiRoute(request)) return;
      await count(request, reply);
    },
  };
}
