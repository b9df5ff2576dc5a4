import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import type { Session } from '../lib/api.js';
import type { Measurement, Scenario } from '../lib/types.js';
import { openPostgres, type Database } from '../../src/platform/db/database.js';
import { afterCommit, withTenant } from '../../src/platform/db/tenancy.js';
import { emitEvent } from '../../src/platform/events/index.js';
import { createServer, type Server } from '../../src/server.js';

const SUBSCRIBERS = 100;
/** An event that has not reached every subscriber by then counts its missing deliveries as errors. */
const DELIVERY_TIMEOUT_MS = 5000;

/** Wall-clock milliseconds with sub-millisecond precision, comparable across this process's threads. */
const now = () => performance.timeOrigin + performance.now();

/**
 * The subscribers, in a worker thread so that parsing 100 streams does not share the server's
 * event loop: EventSource-like clients over plain HTTP that note when each `id:` block arrives
 * and report an event once every subscriber has it (or on timeout, as far as it got).
 */
const subscriberWorker = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const now = () => performance.timeOrigin + performance.now();
const { targets, timeoutMs } = workerData;
const pending = new Map();
const requests = [];
let connected = 0;
const report = (seq) => {
  const entry = pending.get(seq);
  if (!entry) return;
  pending.delete(seq);
  clearTimeout(entry.timer);
  parentPort.postMessage({ type: 'event', seq, times: entry.times });
};
const arrived = (index, seq, at) => {
  let entry = pending.get(seq);
  if (!entry) {
    entry = { times: new Array(targets.length).fill(null), count: 0, timer: setTimeout(() => report(seq), timeoutMs) };
    pending.set(seq, entry);
  }
  if (entry.times[index] !== null) return;
  entry.times[index] = at;
  if (++entry.count === targets.length) report(seq);
};
targets.forEach((target, index) => {
  const request = http.get(target.url + '/api/v1/events', { headers: { accept: 'text/event-stream', authorization: 'Bearer ' + target.token }, agent: false }, (response) => {
    if (response.statusCode !== 200) {
      parentPort.postMessage({ type: 'failed', reason: 'subscriber ' + index + ' got ' + response.statusCode });
      return;
    }
    response.setEncoding('utf8');
    let buffer = '';
    response.on('data', (chunk) => {
      const at = now();
      buffer += chunk;
      let split;
      while ((split = buffer.indexOf('\\n\\n')) >= 0) {
        const block = buffer.slice(0, split);
        buffer = buffer.slice(split + 2);
        if (block.startsWith(': connected')) {
          if (++connected === targets.length) parentPort.postMessage({ type: 'ready' });
          continue;
        }
        const id = /^id: (\\d+)$/m.exec(block);
        if (id) arrived(index, Number(id[1]), at);
      }
    });
    response.on('close', () => parentPort.postMessage({ type: 'closed', index }));
  });
  request.on('error', (error) => parentPort.postMessage({ type: 'failed', reason: 'subscriber ' + index + ': ' + error.message }));
  requests.push(request);
});
parentPort.on('message', (message) => {
  if (message === 'stop') {
    for (const request of requests) request.destroy();
    setTimeout(() => process.exit(0), 50);
  }
});
`;

interface Subscribers {
  ready: Promise<void>;
  /** Resolves with each subscriber's arrival time (null: never arrived) once the event is complete or timed out. */
  delivery(seq: number): Promise<(number | null)[]>;
  stop(): Promise<void>;
}

function startSubscribers(targets: { url: string; token: string }[]): Subscribers {
  const worker = new Worker(subscriberWorker, { eval: true, workerData: { targets, timeoutMs: DELIVERY_TIMEOUT_MS } });
  const waiting = new Map<number, (times: (number | null)[]) => void>();
  const early = new Map<number, (number | null)[]>();
  let stopping = false;
  // A subscriber lost after the start shows up as missing deliveries (errors).
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: { type: string; seq?: number; times?: (number | null)[]; reason?: string; index?: number }) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'failed') reject(new Error(message.reason));
      else if (message.type === 'closed' && !stopping) reject(new Error(`subscriber ${message.index} was disconnected`));
      else if (message.type === 'event') {
        const resolveDelivery = waiting.get(message.seq!);
        if (resolveDelivery) {
          waiting.delete(message.seq!);
          resolveDelivery(message.times!);
        } else early.set(message.seq!, message.times!);
      }
    });
    worker.on('error', reject);
  });
  ready.catch(() => undefined);
  return {
    ready,
    delivery: (seq) =>
      new Promise((resolve) => {
        const times = early.get(seq);
        if (times) {
          early.delete(seq);
          resolve(times);
        } else waiting.set(seq, resolve);
      }),
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const summarize = (latencies: number[]) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p97_5: percentile(sorted, 97.5), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 };
};

/** Commits one work_order.updated event through the given server, answering its seq and the moment the commit returned. */
async function commitEvent(server: Server, orgId: string, index: number): Promise<{ seq: number; committedAt: number }> {
  const scope = { orgId, databases: server.platform.databases, platform: server.platform };
  let committedAt = 0;
  const event = await withTenant(scope, async (tx) => {
    // Runs first among the after-commit work, i.e. right after COMMIT and before the publish.
    afterCommit(() => {
      committedAt = now();
    });
    return emitEvent(tx, scope, {
      type: 'work_order.updated',
      subjectId: null,
      payload: { id: crypto.randomUUID(), number: `WO-BENCH-${index}`, status: index % 2 ? 'on_hold' : 'in_progress', producedQty: index },
    });
  });
  return { seq: event.seq, committedAt };
}

/**
 * Issue 6: commit → SSE client latency with 100 subscribers of one organization. Events are
 * committed one after another (the next once every subscriber has the last). With REDIS_URL a
 * second server instance on the same database takes half the subscribers, so half the
 * deliveries cross instances through Redis.
 */
export default function eventsSse(): Scenario {
  let session: Session | null = null;
  let second: Server | null = null;
  let secondDb: Database | null = null;
  let subscribers: Subscribers | null = null;

  return {
    name: 'sse-latency',
    description: `commit → SSE client latency, ${SUBSCRIBERS} subscribers of one organization${process.env.REDIS_URL ? ', half on a second instance through Redis' : ''}`,

    async setup(env) {
      session = await env.api.signup('sse');
      let secondUrl: string | null = null;
      if (env.server.platform.config.REDIS_URL) {
        const config = env.server.platform.config;
        // Its own pool on PostgreSQL; on PGlite the one database (one process can hold it) is shared.
        secondDb = config.DATABASE_URL ? openPostgres(config.DATABASE_URL) : { ...env.db, close: async () => undefined };
        second = await createServer(config, { db: secondDb });
        await second.app.listen({ port: 0, host: '127.0.0.1' });
        secondUrl = `http://127.0.0.1:${(second.app.server.address() as AddressInfo).port}`;
      }
      const targets = Array.from({ length: SUBSCRIBERS }, (_, index) => ({
        url: secondUrl && index % 2 === 1 ? secondUrl : env.baseUrl,
        token: session!.accessToken,
      }));
      subscribers = startSubscribers(targets);
      await subscribers.ready;
      env.log(`sse-latency: ${SUBSCRIBERS} subscribers connected${secondUrl ? ' (half on a second instance)' : ''}`);
    },

    async run(env) {
      const remote = (index: number) => second !== null && index % 2 === 1;
      const run = async (seconds: number) => {
        const local: number[] = [];
        const crossing: number[] = [];
        let events = 0;
        let missing = 0;
        const started = now();
        const until = started + seconds * 1000;
        while (now() < until) {
          const { seq, committedAt } = await commitEvent(env.server, session!.orgId, events);
          const times = await subscribers!.delivery(seq);
          times.forEach((at, index) => {
            if (at === null) missing++;
            else (remote(index) ? crossing : local).push(at - committedAt);
          });
          events++;
        }
        return { local, crossing, events, missing, elapsedSeconds: (now() - started) / 1000 };
      };
      if (env.warmupSeconds > 0) await run(env.warmupSeconds);
      env.log(`sse-latency: committing events for ${env.durationSeconds}s`);
      const result = await run(env.durationSeconds);
      const all = [...result.local, ...result.crossing];
      const measurement: Measurement = {
        target: 'app',
        unit: 'events/s',
        connections: SUBSCRIBERS,
        durationSeconds: result.elapsedSeconds,
        ok: all.length,
        errors: result.missing,
        statusCodes: {},
        perSecond: result.events / result.elapsedSeconds,
        ...summarize(all),
      };
      const round = (value: number) => Number(value.toFixed(3));
      const latencyOf = (values: number[]) => Object.fromEntries(Object.entries(summarize(values)).map(([key, value]) => [key, round(value)]));
      return {
        measurements: [measurement],
        notes: {
          subscribers: SUBSCRIBERS,
          instances: second ? 2 : 1,
          events: result.events,
          deliveries: all.length,
          missingDeliveries: result.missing,
          sameInstanceMs: latencyOf(result.local),
          ...(second ? { acrossInstancesMs: latencyOf(result.crossing) } : {}),
        },
      };
    },

    async teardown() {
      await subscribers?.stop();
      subscribers = null;
      await second?.close();
      second = null;
      secondDb = null;
    },
  };
}
