import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../auth/permissions.js';
import { contextOf } from '../http/authenticate.js';
import { invalid } from '../http/errors.js';
import { errorResponses } from '../http/schemas.js';
import { EventStream } from './stream.js';

const streamQuery = z.object({
  access_token: z.string().optional().describe('the access token, for EventSource clients that cannot send headers'),
  lastEventId: z.string().optional().describe('the last event id seen, when the Last-Event-ID header cannot be sent'),
});

/**
 * GET /api/v1/events: Server-Sent Events of the caller's organization. Each event's id is its
 * seq; reconnecting with Last-Event-ID replays what was missed. Streams end when the server closes.
 */
export const eventStreamRoutes: FastifyPluginAsyncZod = async (app) => {
  const open = new Set<EventStream>();
  app.addHook('preClose', async () => {
    for (const stream of open) stream.end();
  });

  app.get(
    '/events',
    {
      config: { acceptsTokenInQuery: true },
      schema: {
        tags: ['events'],
        querystring: streamQuery,
        produces: ['text/event-stream'],
        response: { 200: z.string().describe('text/event-stream: `id: <seq>`, `event: <type>`, `data: <payload JSON>`'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      requirePermission(ctx, 'production', 'read');
      const lastEventId = parseLastEventId(request.headers['last-event-id'] ?? request.query.lastEventId);
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
      });
      open.add(stream);
      reply.raw.on('close', () => open.delete(stream));
    },
  );
};

function parseLastEventId(value: string | string[] | undefined): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text === '') return null;
  if (!/^\d{1,15}$/.test(text)) throw invalid('Last-Event-ID', 'must be the id of an event this stream sent');
  return Number(text);
}
