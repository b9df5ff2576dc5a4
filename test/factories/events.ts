import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { Server } from '../../src/server.js';
import { withTenant } from '../../src/platform/db/tenancy.js';
import { emitEvent, type NewEvent } from '../../src/platform/events/index.js';
import type { Database } from '../../src/platform/db/database.js';

// Helpers for the event platform's tests: emitting from a test (no public endpoint emits yet),
// an SSE client over real HTTP, and a local webhook receiver.

/** The scope a domain service would pass: the organization and the server's platform. */
export const eventScope = (server: Server, orgId: string) => ({ orgId, databases: server.platform.databases, platform: server.platform });

/** Emits one event in its own tenant transaction, as a domain service would. */
export async function emitTestEvent(server: Server, orgId: string, event: Partial<NewEvent> = {}) {
  const scope = eventScope(server, orgId);
  return withTenant(scope, (tx) =>
    emitEvent(tx, scope, { type: 'work_order.updated', subjectId: null, payload: { id: crypto.randomUUID(), status: 'released', producedQty: 0 }, ...event }),
  );
}

/** Starts the server's HTTP listener on a free loopback port and answers its base URL. */
export async function listen(server: Server): Promise<string> {
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

export interface SseEvent {
  id: string | null;
  event: string;
  data: any;
}

export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  comments: string[];
  /** Resolves once the stream has ended (server closed it). */
  ended: Promise<void>;
  /** Waits until `predicate` holds for the events received so far. */
  waitFor(predicate: (events: SseEvent[]) => boolean, timeoutMs?: number): Promise<SseEvent[]>;
  /** Waits for the server's `: connected` comment: from then on every committed event reaches this client. */
  connected(timeoutMs?: number): Promise<void>;
  /** Waits for the given number of comment lines (heartbeats). */
  waitForComments(count: number, timeoutMs?: number): Promise<string[]>;
  close(): void;
}

/** An EventSource-like client: connects, parses `id:`/`event:`/`data:` blocks and comments. */
export function openSse(baseUrl: string, options: { token?: string; query?: string; lastEventId?: string } = {}): Promise<SseClient> {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}/api/v1/events${options.query ? `?${options.query}` : ''}`, { headers, agent: false }, (response) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      const notify = () => waiters.forEach((check) => check());
      let buffer = '';
      let endedResolve!: () => void;
      const ended = new Promise<void>((done) => (endedResolve = done));
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          parseBlock(block, events, comments);
        }
        notify();
      });
      const finish = () => {
        endedResolve();
        notify();
      };
      response.on('end', finish);
      response.on('close', finish);
      response.on('error', finish);
      const waitUntil = <T>(ready: () => T | null, timeoutMs: number, what: string) =>
        new Promise<T>((done, fail) => {
          const check = () => {
            const value = ready();
            if (value !== null) {
              waiters.delete(check);
              clearTimeout(timer);
              done(value);
            }
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            fail(new Error(`timed out waiting for ${what}; events so far: ${JSON.stringify(events)}`));
          }, timeoutMs);
          waiters.add(check);
          check();
        });
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        events,
        comments,
        ended,
        waitFor: (predicate, timeoutMs = 5000) => waitUntil(() => (predicate(events) ? events : null), timeoutMs, 'events'),
        connected: async (timeoutMs = 5000) => {
          await waitUntil(() => (comments.includes('connected') ? true : null), timeoutMs, 'the connected comment');
        },
        waitForComments: (count, timeoutMs = 5000) => waitUntil(() => (comments.length >= count ? comments : null), timeoutMs, `${count} comments`),
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}

function parseBlock(block: string, events: SseEvent[], comments: string[]): void {
  let id: string | null = null;
  let event = 'message';
  const data: string[] = [];
  let hasField = false;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else continue;
    hasField = true;
  }
  if (hasField && data.length > 0) events.push({ id, event, data: JSON.parse(data.join('\n')) });
}

export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Waits until `count` requests have arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/** A local HTTP receiver answering each request with the next status of `statuses` (the last one repeats). */
export async function startWebhookReceiver(statuses: number[]): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters = new Set<() => void>();
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      const status = statuses[Math.min(received.length - 1, statuses.length - 1)]!;
      response.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end(String(status));
      waiters.forEach((check) => check());
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/monopilot`,
    received,
    waitForRequests: (count, timeoutMs = 20_000) =>
      new Promise((done, fail) => {
        const check = () => {
          if (received.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          done(received);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          fail(new Error(`timed out waiting for ${count} webhook requests; got ${received.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Checks a MonoPilot-Signature header the way a receiver would. */
export function verifySignature(header: string | string[] | undefined, secret: string, body: string): boolean {
  const match = typeof header === 'string' ? /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) : null;
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

/** Webhook delivery jobs in pg-boss's table for one organization (any state). */
export async function webhookJobs(db: Database, orgId: string): Promise<{ state: string; data: any }[]> {
  const result = await db.orm.execute(sql`select state::text as state, data from pgboss.job where name = 'webhook-delivery' and data->>'orgId' = ${orgId}`);
  return result.rows as { state: string; data: any }[];
}

/** The organization's stored events, oldest first (read as the owner, outside any tenant). */
export async function storedEvents(db: Database, orgId: string): Promise<{ seq: number; type: string; payload: any }[]> {
  const result = await db.orm.execute(sql`select seq, type, payload from events where org_id = ${orgId} order by seq`);
  return (result.rows as { seq: number | string; type: string; payload: any }[]).map((row) => ({ ...row, seq: Number(row.seq) }));
}
