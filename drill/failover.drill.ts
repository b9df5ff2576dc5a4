import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../test/factories/events.js';
import { receivePlates } from '../test/factories/inventory.js';
import { setupProduction, startedWorkOrder, type ProductionWorld } from '../test/factories/production.js';
import { canRunAutoFailover, startFormation, type Formation } from '../test/auto-failover.js';
import { asTestServer, testConfig, type TestServer } from '../test/server.js';
import { openPostgres } from '../src/platform/db/database.js';
import { createServer } from '../src/server.js';

// `npm run drill:failover`: the primary of a pg_auto_failover formation (a synchronous standby
// beside it) is killed with SIGKILL under a steady load of idempotent consumptions; the
// standby is promoted by pg_auto_failover and the server finds it through its multi-host
// DATABASE_URL. Printed: seconds from the kill to the first successful write, writes lost and
// doubled (both must be 0), and every answer that was neither 2xx nor 503 (must be none).

const LOAD_SECONDS_BEFORE_KILL = Number(process.env.DRILL_BEFORE_SECONDS ?? 3);
const LOAD_SECONDS_AFTER_KILL = Number(process.env.DRILL_AFTER_SECONDS ?? 12);
const WORKERS = 8;
const DRAW = 0.01;
/** A request that takes longer than this counts as a hang (the contract: never over 10 s). */
const HANG_MS = 10_000;

interface Sent {
  key: string;
  path: string;
  body: string;
  /** The consumption's id once answered 2xx. */
  consumptionId?: string;
}

const describeWithFormation = canRunAutoFailover() ? describe : describe.skip;
let formation: Formation;
let server: TestServer;
let world: ProductionWorld;
let baseUrl: string;

describeWithFormation('failover of the primary under load', () => {
  beforeAll(async () => {
    formation = await startFormation();
    const db = openPostgres(formation.url, 16);
    const app = await createServer(testConfig({ DATABASE_URL: formation.url, JOBS_POLLING_SECONDS: '1', LOG_LEVEL: process.env.DRILL_LOG_LEVEL ?? 'silent' }));
    server = asTestServer(app, { db, name: 'postgres', url: formation.url, drop: () => db.close() });
    baseUrl = await listen(server);
    world = await setupProduction(server);
  });
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    await formation?.destroy();
  });

  it('loses and doubles nothing, never answers 500 or hangs, and writes again within seconds', async () => {
    const orders = [await startedWorkOrder(world), await startedWorkOrder(world)];
    const plates = await receivePlates(world, { productId: world.products.flour, qty: 1000, count: 8, lot: 'DRILL' });
    const token = world.admin.accessToken;
    const sent: Sent[] = [];
    const unexpected: string[] = [];
    let hangs = 0;
    let killedAt = 0;
    let firstSuccessAfterKill = 0;
    let stopAt = Number.POSITIVE_INFINITY;

    const post = async (request: Sent): Promise<number> => {
      const started = performance.now();
      const isSentAfterKill = killedAt > 0;
      try {
        const response = await fetch(`${baseUrl}${request.path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': request.key },
          body: request.body,
          signal: AbortSignal.timeout(HANG_MS),
        });
        const answer = (await response.json()) as { id?: string; retry?: unknown };
        if (response.status === 201 || response.status === 200) {
          request.consumptionId = answer.id;
          // The first write sent after the kill that the new primary took (not one answered in passing).
          if (isSentAfterKill && !firstSuccessAfterKill) firstSuccessAfterKill = performance.now();
        } else if (response.status !== 503 || !response.headers.get('retry-after')) {
          unexpected.push(`${response.status} ${JSON.stringify(answer)}`);
        }
        // An answer replayed for its key (200) is as good as the first (201).
        return response.status === 200 ? 201 : response.status;
      } catch {
        if (performance.now() - started >= HANG_MS - 50) hangs++;
        return 0;
      }
    };
    const worker = async (index: number) => {
      let n = index;
      while (performance.now() < stopAt) {
        const plate = plates[n % plates.length];
        const order = orders[n++ % orders.length];
        const request: Sent = { key: randomUUID(), path: `/api/v1/work-orders/${order.id}/consumptions`, body: JSON.stringify({ licensePlateId: plate.id, qty: DRAW }) };
        sent.push(request);
        // A 503 (or a lost answer) is retried with the same key until answered, as a client would.
        while ((await post(request)) !== 201 && performance.now() < stopAt) await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };

    const load = Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
    await new Promise((resolve) => setTimeout(resolve, LOAD_SECONDS_BEFORE_KILL * 1000));
    const oldPrimary = await formation.primaryPort();
    formation.killNode(oldPrimary);
    killedAt = performance.now();
    stopAt = killedAt + LOAD_SECONDS_AFTER_KILL * 1000;
    await load;

    // Whatever was not answered at the stop is sent again with its key, until it is.
    stopAt = Number.POSITIVE_INFINITY;
    for (const request of sent.filter((candidate) => !candidate.consumptionId)) {
      for (let attempt = 0; attempt < 50 && (await post(request)) !== 201; attempt++) await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const rows = await server.platform.db.withSession((session) =>
      session.query<{ id: string }>('select id::text from work_order_consumptions where org_id = $1 and work_order_id = any($2::uuid[])', [world.admin.orgId, orders.map((order) => order.id)]),
    );
    const stored = new Set(rows.map((row) => row.id));
    const acknowledged = sent.filter((request) => request.consumptionId);
    const lost = acknowledged.filter((request) => !stored.has(request.consumptionId!)).length;
    const doubled = rows.length - new Set(acknowledged.map((request) => request.consumptionId)).size;
    const newPrimary = await formation.primaryPort();
    const figures = {
      writes: sent.length,
      acknowledged: acknowledged.length,
      secondsFromKillToFirstWrite: firstSuccessAfterKill ? Math.round((firstSuccessAfterKill - killedAt) / 10) / 100 : null,
      lost,
      doubled,
      hangsOver10s: hangs,
      unexpectedAnswers: unexpected.length,
      oldPrimary,
      newPrimary,
    };
    console.warn(`failover drill: ${JSON.stringify(figures)}`);
    expect(newPrimary).not.toBe(oldPrimary);
    expect(unexpected).toEqual([]);
    expect(hangs).toBe(0);
    expect(lost).toBe(0);
    expect(doubled).toBe(0);
    expect(acknowledged.length).toBe(sent.length);
    expect(firstSuccessAfterKill).toBeGreaterThan(0);
  });
});
