import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Session } from '../lib/api.js';
import type { BenchEnv, Scenario } from '../lib/types.js';
import { afterCommit, withTenant } from '../../src/platform/db/tenancy.js';
import { emitEvent } from '../../src/platform/events/index.js';

const WARMUP_EVENTS = 20;

const now = () => performance.timeOrigin + performance.now();

/** How many events the measured run emits: BENCH_WEBHOOK_EVENTS, else 100 per second of BENCH_DURATION. */
function eventCount(env: BenchEnv): number {
  const raw = process.env.BENCH_WEBHOOK_EVENTS;
  if (raw === undefined || raw === '') return Math.max(100, Math.round(100 * env.durationSeconds));
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`BENCH_WEBHOOK_EVENTS must be a positive whole number, got "${raw}"`);
  return value;
}

interface Receiver {
  url: string;
  /** First arrival time per event id (the MonoPilot-Delivery header). */
  arrivals: Map<string, number>;
  duplicates: number;
  badSignatures: number;
  /** Resolves once every id of `ids` has arrived; rejects after timeoutMs. */
  waitFor(ids: string[], timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** A local receiver answering 200 at once, checking every signature as a real receiver would. */
async function startReceiver(secret: () => string): Promise<Receiver> {
  const arrivals = new Map<string, number>();
  let check: (() => void) | null = null;
  const counts = { duplicates: 0, badSignatures: 0 };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = now();
      const body = Buffer.concat(chunks).toString('utf8');
      if (!signatureValid(request.headers['monopilot-signature'], secret(), body)) counts.badSignatures++;
      const id = String(request.headers['monopilot-delivery'] ?? '');
      if (arrivals.has(id)) counts.duplicates++;
      else arrivals.set(id, at);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      check?.();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    arrivals,
    get duplicates() {
      return counts.duplicates;
    },
    get badSignatures() {
      return counts.badSignatures;
    },
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/monopilot`,
    waitFor: (ids, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          check = null;
          reject(new Error(`only ${ids.filter((id) => arrivals.has(id)).length} of ${ids.length} webhook deliveries arrived within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        check = () => {
          if (!ids.every((id) => arrivals.has(id))) return;
          check = null;
          clearTimeout(timer);
          resolve();
        };
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function signatureValid(header: string | string[] | undefined, secret: string, body: string): boolean {
  const match = typeof header === 'string' ? /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) : null;
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

/**
 * Emits `count` work_order.updated events in one transaction, so that the whole backlog becomes
 * visible to the delivery workers at once (emitting is not what is measured); answers the ids
 * and the moment the commit returned.
 */
async function emitEvents(env: BenchEnv, orgId: string, count: number): Promise<{ ids: string[]; committedAt: number }> {
  const scope = { orgId, databases: env.server.platform.databases, platform: env.server.platform };
  const ids: string[] = [];
  let committedAt = 0;
  await withTenant(scope, async (tx) => {
    afterCommit(() => {
      committedAt = now();
    });
    for (let i = 0; i < count; i++) {
      const event = await emitEvent(tx, scope, {
        type: 'work_order.updated',
        subjectId: null,
        payload: { id: crypto.randomUUID(), number: `WO-HOOK-${i}`, status: 'in_progress', producedQty: i },
      });
      ids.push(event.id);
    }
  });
  return { ids, committedAt };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Issue 6: webhook deliveries per second to a local receiver. One endpoint subscribed to
 * work_order.updated; N events are committed in one transaction and the clock runs from the
 * commit until the receiver has every one of them, signatures checked. Latency is commit →
 * arrival, so it includes the first poll of the idle workers and the wait behind the others.
 */
export default function webhooks(): Scenario {
  let session: Session | null = null;
  let receiver: Receiver | null = null;
  let secret = '';
  let endpointId = '';

  return {
    name: 'webhook-deliveries',
    description: 'signed webhook deliveries per second to a local receiver, N events committed in one transaction',

    async setup(env) {
      session = await env.api.signup('webhooks');
      receiver = await startReceiver(() => secret);
      const created = await env.api.request<{ id: string; secret: string; detail?: string }>('POST', '/api/v1/webhooks', {
        token: session.accessToken,
        body: { url: receiver.url, events: ['work_order.updated'] },
      });
      if (created.status === 400 && !env.server.platform.config.WEBHOOK_ALLOW_PRIVATE_URLS) {
        return { skipped: `the receiver is on loopback and WEBHOOK_ALLOW_PRIVATE_URLS is false: ${created.body.detail}` };
      }
      if (created.status !== 201) throw new Error(`POST /api/v1/webhooks: expected 201, got ${created.status} ${JSON.stringify(created.body)}`);
      secret = created.body.secret;
      endpointId = created.body.id;
    },

    async run(env) {
      const polling = env.server.platform.config.JOBS_POLLING_SECONDS;
      // Warm-up: a few deliveries through the whole path before the clock runs.
      const warm = await emitEvents(env, session!.orgId, WARMUP_EVENTS);
      await receiver!.waitFor(warm.ids, 60_000);

      const count = eventCount(env);
      env.log(`webhook-deliveries: ${count} events in one transaction`);
      const emitStarted = now();
      const { ids, committedAt } = await emitEvents(env, session!.orgId, count);
      await receiver!.waitFor(ids, 60_000 + count * 100);
      const arrivals = ids.map((id) => receiver!.arrivals.get(id)!).sort((a, b) => a - b);
      const first = arrivals[0]!;
      const last = arrivals.at(-1)!;
      const elapsedSeconds = (last - committedAt) / 1000;
      const latencies = arrivals.map((at) => at - committedAt);

      // Every attempt is logged for the organization's admin: one row per delivery here (all answered 200).
      const logged = await waitForLoggedAttempts(env, endpointId, WARMUP_EVENTS + count);
      if (receiver!.badSignatures > 0) throw new Error(`${receiver!.badSignatures} deliveries had a bad MonoPilot-Signature`);
      const round = (value: number) => Number(value.toFixed(1));
      return {
        measurements: [
          {
            target: 'app',
            unit: 'deliveries/s',
            connections: 1,
            durationSeconds: elapsedSeconds,
            ok: count,
            errors: receiver!.duplicates,
            statusCodes: { 200: count },
            perSecond: count / elapsedSeconds,
            p50: percentile(latencies, 50),
            p95: percentile(latencies, 95),
            p97_5: percentile(latencies, 97.5),
            p99: percentile(latencies, 99),
            max: latencies.at(-1) ?? 0,
          },
        ],
        notes: {
          events: count,
          emittedInMs: round(committedAt - emitStarted),
          // The workers were idle: the first fetch waits for their next poll.
          firstArrivalAfterCommitMs: round(first - committedAt),
          steadyPerSecond: count > 1 && last > first ? round((count - 1) / ((last - first) / 1000)) : null,
          duplicates: receiver!.duplicates,
          loggedAttempts: logged,
          jobsPollingSeconds: polling,
        },
      };
    },

    async teardown() {
      await receiver?.close();
      receiver = null;
    },
  };
}

/** The endpoint's attempt log, once it has caught up with the deliveries (the row is written after the answer). */
async function waitForLoggedAttempts(env: BenchEnv, endpointId: string, expected: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [row] = await env.bareQuery<{ count: number }>('select count(*)::int as count from webhook_deliveries where endpoint_id = $1', [endpointId]);
    if (row!.count >= expected || Date.now() > deadline) return row!.count;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
