/**
 * Runs in a worker thread so the load generator does not share the server's event loop:
 * a discarded warm-up, then the measured run; every response's latency is kept so the
 * percentiles are exact (autocannon's own histogram has no p95 and whole-millisecond steps).
 */
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadRequest, LoadResult } from './load.js';

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
    // Many paths: each request picks one at random (e.g. LP numbers across the whole table).
    requests: paths.length > 1 ? [{ setupRequest: (req) => ({ ...req, path: paths[Math.floor(Math.random() * paths.length)]! }) }] : [{ path: paths[0]! }],
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
    p99: at(99),
    max: ok === 0 ? 0 : sorted[ok - 1]!,
  };
}

const request = workerData as LoadRequest;
if (request.warmupSeconds > 0) await measure(request, request.warmupSeconds);
parentPort!.postMessage(await measure(request, request.durationSeconds));
