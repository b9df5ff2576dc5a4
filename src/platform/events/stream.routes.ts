import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasPermission, requirePermission } from '../auth/permissions.js';
import { ACCESS_TOKEN_SECONDS } from '../auth/tokens.js';
import type { RequestContext } from '../context.js';
import { contextOf, type AccessResolver } from '../http/authenticate.js';
import { AppError, invalid } from '../http/errors.js';
import { errorResponses } from '../http/schemas.js';
import { EventStream } from './stream.js';

/** How often an open stream asks again whether its user may listen: a deactivated user's stream ends within 5 s. */
export const ACCESS_CHECK_MS = 3000;

const streamQuery = z.object({
  access_token: z.string().optional().describe('the access token, for EventSource clients that cannot send headers'),
  lastEventId: z.string().optional().describe('the last event id seen, when the Last-Event-ID header cannot be sent'),
});

export interface EventStreamRoutesOptions {
  /** The same answer authentication uses: the user's current rights, or null once they are inactive or gone. */
  resolveAccess: AccessResolver;
}

/**
 * GET /api/v1/events: Server-Sent Events of the caller's organization. Each event's id is its
 * seq; reconnecting with Last-Event-ID replays what was missed. A stream ends when the server
 * closes, when its access token expires, and within 5 s after its user is deactivated or loses
 * read permission on production. Open streams are capped per user and per organization.
 */
export function eventStreamRoutes(options: EventStreamRoutesOptions): FastifyPluginAsyncZod {
  return async (app) => {
    const open = new Set<EventStream>();
    const counts = new OpenStreamCounts();
    app.addHook('preClose', async () => {
      for (const stream of open) stream.end();
    });

    app.get(
      '/events',
      {
        config: { acceptsTokenInQuery: true },
        schema: {
          tags: ['events'],
          description: 'Ends when the access token expires (reconnect with a fresh one and Last-Event-ID), and within 5 s after the user is deactivated. 429 beyond the open streams allowed per user or organization.',
          querystring: streamQuery,
          produces: ['text/event-stream'],
          response: { 200: z.string().describe('text/event-stream: `id: <seq>`, `event: <type>`, `data: <payload JSON>`'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const ctx = contextOf(request);
        requirePermission(ctx, 'production', 'read');
        const lastEventId = parseLastEventId(request.headers['last-event-id'] ?? request.query.lastEventId);
        const release = counts.claim(ctx, ctx.platform.config);
        reply.hijack();
        reply.raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
          'x-request-id': request.id,
        });
        reply.raw.flushHeaders();
        reply.raw.socket?.setNoDelay(true);
        const platform = ctx.platform;
        const stream = new EventStream(reply.raw, {
          scope: { orgId: ctx.orgId, userId: ctx.userId, databases: ctx.databases },
          bus: platform.events,
          log: request.log,
          heartbeatMs: platform.config.EVENTS_HEARTBEAT_SECONDS * 1000,
          lastEventId,
          isStillAllowed: async () => {
            const permissions = await options.resolveAccess(platform, ctx.orgId, ctx.userId);
            return permissions !== null && hasPermission(permissions, 'production', 'read');
          },
          accessCheckMs: ACCESS_CHECK_MS,
          expiresAt: ctx.tokenExpiresAt ?? Date.now() + ACCESS_TOKEN_SECONDS * 1000,
        });
        open.add(stream);
        reply.raw.on('close', () => {
          open.delete(stream);
          release();
        });
      },
    );
  };
}

/**
 * Open streams of this server instance, per user and per organization. Each instance caps its
 * own streams: behind several instances a user may hold the cap on each (a count shared
 * through Redis would make it exact; the cap is against one client exhausting one server).
 */
class OpenStreamCounts {
  private readonly perUser = new Map<string, number>();
  private readonly perOrg = new Map<string, number>();

  /** Counts a new stream, or refuses it with 429 beyond a cap; answers the function that uncounts it (once). */
  claim(ctx: RequestContext, limits: { EVENTS_MAX_STREAMS_PER_USER: number; EVENTS_MAX_STREAMS_PER_ORG: number }): () => void {
    const userKey = `${ctx.orgId}/${ctx.userId}`;
    if ((this.perUser.get(userKey) ?? 0) >= limits.EVENTS_MAX_STREAMS_PER_USER) {
      throw tooManyStreams(`at most ${limits.EVENTS_MAX_STREAMS_PER_USER} event streams may be open per user; close one first`);
    }
    if ((this.perOrg.get(ctx.orgId) ?? 0) >= limits.EVENTS_MAX_STREAMS_PER_ORG) {
      throw tooManyStreams(`at most ${limits.EVENTS_MAX_STREAMS_PER_ORG} event streams may be open per organization; close one first`);
    }
    add(this.perUser, userKey, 1);
    add(this.perOrg, ctx.orgId, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      add(this.perUser, userKey, -1);
      add(this.perOrg, ctx.orgId, -1);
    };
  }
}

function add(counts: Map<string, number>, key: string, delta: number): void {
  const count = (counts.get(key) ?? 0) + delta;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}

const tooManyStreams = (detail: string) => new AppError('RATE_LIMITED', detail, undefined, { 'retry-after': '5' });

function parseLastEventId(value: string | string[] | undefined): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text === '') return null;
  if (!/^\d{1,15}$/.test(text)) throw invalid('Last-Event-ID', 'must be the id of an event this stream sent');
  return Number(text);
}
