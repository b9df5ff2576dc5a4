import { Worker } from 'node:worker_threads';

export interface LoadRequest {
  /** Origin of the target, e.g. http://127.0.0.1:4321. */
  url: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** One path, or many to pick from at random per request. */
  paths: string[];
  headers?: Record<string, string>;
  body?: string;
  /**
   * Requests to pick from at random instead of paths + body (each a path and its JSON body).
   * With idempotencyKeys, each request carries a fresh Idempotency-Key, and a share of them
   * (`replayShare`, 0 to 1) re-sends an earlier request with its key and body unchanged.
   */
  variants?: { path: string; body: string }[];
  idempotencyKeys?: { replayShare: number };
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

export interface LoadResult {
  ok: number;
  errors: number;
  statusCodes: Record<string, number>;
  durationSeconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p97_5: number;
  p99: number;
  max: number;
  /** With idempotencyKeys: the distinct keys answered 2xx, warm-up included (each must have done its work once). */
  keysAnsweredOk?: number;
  /** With idempotencyKeys: the requests that re-sent an earlier key, and how many of those were answered 2xx. */
  replays?: number;
  replaysOk?: number;
  /** With idempotencyKeys: requests still in flight (or timed out) when a run stopped; send them again to learn what they did. */
  unanswered?: { key: string; path: string; body: string }[];
}

const running = new Set<Worker>();

/** Ends every load run still going (on Ctrl-C), so the server can drain and close. */
export async function stopAllLoad(): Promise<void> {
  await Promise.all([...running].map((worker) => worker.terminate()));
}

/** Drives a closed-loop load (each connection sends its next request when the last one answers) from a worker thread. */
export function runLoad(request: LoadRequest): Promise<LoadResult> {
  if (request.paths.length === 0 && !request.variants?.length) throw new Error('runLoad needs at least one path or variant');
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { workerData: request });
    running.add(worker);
    let result: LoadResult | null = null;
    worker.once('message', (message: LoadResult) => {
      result = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      running.delete(worker);
      if (result) resolve(result);
      else reject(new Error(`load worker exited with code ${code} before reporting`));
    });
  });
}
