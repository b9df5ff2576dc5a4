import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '../server.js';

// A steady load of an organization's users while something happens underneath (a move): writes
// that each create one countable thing, retried with the same Idempotency-Key while they answer
// 503, and reads that must always answer.

export interface WriteLoad {
  /** Ids of the warehouses whose creation was answered 201, in order. */
  acknowledged: string[];
  /** How many answers were 503 (each retried with the same key). */
  refused: number;
  /** 503s without Retry-After, or any answer but 201/503 (should stay empty). */
  unexpected: string[];
  /** The longest stretch, in ms, from a 503 to the next 201 of this organization. */
  longestRefusalMs: number;
  /** Stops sending new writes and waits until each one in flight has been acknowledged. */
  stop(): Promise<void>;
}

export function startWriteLoad(api: Client, prefix: string, workers = 2): WriteLoad {
  let isStopped = false;
  let refusedSince: number | null = null;
  let sequence = 0;
  const load: Omit<WriteLoad, 'stop'> = { acknowledged: [], refused: 0, unexpected: [], longestRefusalMs: 0 };
  const writeOne = async () => {
    const code = `${prefix}-${sequence++}`;
    const key = randomUUID();
    for (;;) {
      const response = await api.post('/api/v1/warehouses', { code, name: code }, { 'idempotency-key': key });
      if (response.status === 201) {
        if (refusedSince !== null) load.longestRefusalMs = Math.max(load.longestRefusalMs, performance.now() - refusedSince);
        refusedSince = null;
        load.acknowledged.push(response.body.id);
        return;
      }
      if (response.status !== 503 || !response.headers['retry-after']) {
        load.unexpected.push(`${response.status} ${JSON.stringify(response.body)}`);
        return;
      }
      load.refused++;
      refusedSince ??= performance.now();
      await sleep(25);
    }
  };
  const loops = Array.from({ length: workers }, async () => {
    while (!isStopped) await writeOne();
  });
  return Object.assign(load, {
    async stop() {
      isStopped = true;
      await Promise.all(loops);
    },
  });
}

export interface ReadLoad {
  reads: number;
  failures: string[];
  stop(): Promise<void>;
}

/** GETs the URL again and again; every answer must be 200. */
export function startReadLoad(api: Client, url: string): ReadLoad {
  let isStopped = false;
  const load = { reads: 0, failures: [] as string[] };
  const loop = (async () => {
    while (!isStopped) {
      const response = await api.get(url);
      load.reads++;
      if (response.status !== 200) load.failures.push(`${response.status} ${JSON.stringify(response.body)}`);
      await sleep(10);
    }
  })();
  return Object.assign(load, {
    async stop() {
      isStopped = true;
      await loop;
    },
  });
}
