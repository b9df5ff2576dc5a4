/**
 * Runs in a worker thread so the load generator does not share the server's event loop:
 * a discarded warm-up, then the measured run; every response's latency is kept so the
 * percentiles are exact (autocannon's own histogram has no p95 and whole-millisecond steps).
 */
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadRequest, LoadResult } from './load.js';

interface KeyedRequest {
  key: string;
  path: string;
  body: string;
}

/**
 * Idempotent requests answered 2xx so far (warm-up included), each key with the request it
 * carried: a replay re-sends one of these (never one still in flight, which is a 409 by rule).
 */
const answered: KeyedRequest[] = [];
const keysOk = new Set<string>();
/** Fresh keys sent and not answered yet: when a run stops, the ones in flight are never seen answered here. */
const unanswered = new Map<string, KeyedRequest>();
let replays = 0;
let replaysOk = 0;

interface KeyedContext {
  sent?: KeyedRequest;
  isReplay?: boolean;
}

/** Requests picked at random from the variants, each with a fresh Idempotency-Key or, now and then, an earlier one again. */
function variantRequests(request: LoadRequest): autocannon.Request[] {
  const variants = request.variants!;
  const replayShare = request.idempotencyKeys?.replayShare ?? 0;
  return [
    {
      setupRequest: (req, context: KeyedContext) => {
        if (!request.idempotencyKeys) {
          const variant = variants[Math.floor(Math.random() * variants.length)]!;
          return { ...req, path: variant.path, body: variant.body };
        }
        const replay = answered.length > 0 && Math.random() < replayShare ? answered[Math.floor(Math.random() * answered.length)]! : null;
        const sent = replay ?? { key: randomUUID(), ...variants[Math.floor(Math.random() * variants.length)]! };
        context.sent = sent;
        context.isReplay = replay !== null;
        if (!replay) unanswered.set(sent.key, sent);
        return { ...req, path: sent.path, body: sent.body, headers: { ...req.headers, 'idempotency-key': sent.key } };
      },
      onResponse: (status, _body, context: KeyedContext) => {
        if (!context.sent) return;
        const ok = status >= 200 && status < 300;
        unanswered.delete(context.sent.key);
        if (ok && !keysOk.has(context.sent.key)) {
          keysOk.add(context.sent.key);
          answered.push(context.sent);
        }
        if (context.isReplay) {
          replays += 1;
          if (ok) replaysOk += 1;
        }
      },
    },
  ];
}

function pathRequests(paths: string[]): autocannon.Request[] {
  // Many paths: each request picks one at random (e.g. LP numbers across the whole table).
  return paths.length > 1 ? [{ setupRequest: (req) => ({ ...req, path: paths[Math.floor(Math.random() * paths.length)]! }) }] : [{ path: paths[0]! }];
}

async function measure(request: LoadRequest, durationSeconds: number): Promise<LoadResult> {
  let latencies = new Float64Array(1 << 16);
  let ok = 0;
  const statusCodes: Record<string, number> = {};
  const { paths } = request;
  const options: autocannon.Options = {
    url: request.url,
    connections: request.connections,
    duration: durationSeconds,
    method: request.method,
    headers: request.headers,
    body: request.body,
    requests: request.variants?.length ? variantRequests(request) : pathRequests(paths),
    timeout: 30,
  };
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(options, (error, result) => (error ? reject(error as Error) : resolve(result)));
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (statusCode < 200 || statusCode >= 300) return;
    if (ok === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[ok++] = responseTime;
  });
  const result = await done;
  const sorted = latencies.subarray(0, ok).sort();
  const at = (p: number) => (ok === 0 ? 0 : sorted[Math.min(ok - 1, Math.ceil((p / 100) * ok) - 1)]!);
  const seconds = result.duration > 0 ? result.duration : durationSeconds;
  return {
    ok,
    errors: result.errors + result.non2xx,
    statusCodes,
    durationSeconds: seconds,
    perSecond: ok / seconds,
    p50: at(50),
    p95: at(95),
    p97_5: at(97.5),
    p99: at(99),
    max: ok === 0 ? 0 : sorted[ok - 1]!,
    ...(request.idempotencyKeys ? { keysAnsweredOk: keysOk.size, replays, replaysOk, unanswered: [...unanswered.values()] } : {}),
  };
}

const request = workerData as LoadRequest;
if (request.warmupSeconds > 0) await measure(request, request.warmupSeconds);
parentPort!.postMessage(await measure(request, request.durationSeconds));
