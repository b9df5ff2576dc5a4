import { randomUUID } from 'node:crypto';
import type { Session } from '../lib/api.js';
import { startBare, type BareServer } from '../lib/bare.js';
import { INVENTORY_MISSING, inventoryPresent, seedLicensePlates, seedStockPlace, type StockPlace } from '../lib/inventory.js';
import type { BenchEnv, BareQuery, Measurement, Scenario } from '../lib/types.js';

const PLATES = Number(process.env.BENCH_SO_PLATES || 100_000);
const LINES = Number(process.env.BENCH_SO_LINES || 50);
const ORDERS = Number(process.env.BENCH_SO_ORDERS || 60);
const LINE_QTY = 30;
const PLATE_QTY = 25;

/**
 * Issue 15: POST /api/v1/sales-orders/:id/allocate of orders of 50 lines (50 products) over 100k
 * LPs, one order after another (each allocation reserves stock, so each order is allocated once),
 * beside a bare handler running the allocation's core statements in one transaction: per line the
 * FEFO candidates with what is free of them, the chosen plates row-locked, the reservations
 * written. Goal: p95 < 200 ms. Fails unless no plate is reserved beyond what it holds.
 */
export default function allocation(): Scenario {
  let session: Session | null = null;
  let places: StockPlace[] = [];
  let orderIds: string[] = [];
  let bare: BareServer | null = null;

  return {
    name: 'allocation',
    description: `POST /api/v1/sales-orders/:id/allocate, ${LINES} lines over ${PLATES} LPs, ${ORDERS} orders one after another, beside a bare handler`,

    async setup(env) {
      session = await env.api.signup('allocation');
      if (!(await inventoryPresent(env, session, { method: 'GET', path: '/api/v1/sales-orders' }))) return { skipped: INVENTORY_MISSING };
      places = await seedProducts(env, session);
      await env.bareQuery('analyze license_plates');
      orderIds = await confirmedOrders(env, session, places);
      bare = await startBare((app) => {
        app.post('/allocate', async () => env.bareTransaction((query) => bareAllocate(query, session!.orgId, places)));
      });
    },

    async run(env) {
      const app = await measure(env, 'app', orderIds.map((id) => () => fetch(`${env.baseUrl}/api/v1/sales-orders/${id}/allocate`, { method: 'POST', headers: { authorization: `Bearer ${session!.accessToken}` } })));
      const bareRun = await measure(env, 'bare', orderIds.map(() => () => fetch(`${bare!.url}/allocate`, { method: 'POST' })));
      const [over] = await env.bareQuery<{ count: number }>(
        `select count(*)::int as count from (select lp.id from license_plates lp join stock_reservations r on r.license_plate_id = lp.id
          where lp.org_id = $1 group by lp.id, lp.qty having sum(r.qty) > lp.qty) o`,
        [session!.orgId],
      );
      if (over!.count > 0) throw new Error(`${over!.count} plates are reserved beyond what they hold`);
      return { measurements: [app, bareRun], notes: { plates: PLATES, lines: LINES, orders: ORDERS, overReserved: over!.count } };
    },

    async teardown() {
      await bare?.close();
      bare = null;
    },
  };
}

/** LINES products with PLATES / LINES plates each, seeded in SQL as a receipt leaves them. */
async function seedProducts(env: BenchEnv, session: Session): Promise<StockPlace[]> {
  const result: StockPlace[] = [];
  for (let index = 0; index < LINES; index += 1) {
    const place = await seedStockPlace(env, session, `so${index}`);
    await seedLicensePlates(env, session, place, { count: Math.ceil(PLATES / LINES), qty: PLATE_QTY, lot: `SO${index}` });
    result.push(place);
  }
  env.log(`allocation: seeded ${PLATES} plates over ${LINES} products`);
  return result;
}

async function confirmedOrders(env: BenchEnv, session: Session, places: StockPlace[]): Promise<string[]> {
  const token = session.accessToken;
  const customer = await env.api.expect<{ id: string }>(201, 'POST', '/api/v1/customers', { token, body: { code: 'BENCH-SO', name: 'Bench customer', minRemainingShelfLifeDays: 1 } });
  const ids: string[] = [];
  for (let index = 0; index < ORDERS; index += 1) {
    const lines = places.map((place) => ({ productId: place.productId, qty: LINE_QTY }));
    const order = await env.api.expect<{ id: string }>(201, 'POST', '/api/v1/sales-orders', { token, body: { customerId: customer.id, lines } });
    await env.api.expect(200, 'POST', `/api/v1/sales-orders/${order.id}/confirm`, { token });
    ids.push(order.id);
  }
  env.log(`allocation: ${ORDERS} confirmed orders of ${LINES} lines`);
  return ids;
}

/** The allocation's core, bare: per line the FEFO candidates with their free quantity, locked, then reserved. */
async function bareAllocate(query: BareQuery, orgId: string, places: StockPlace[]): Promise<{ reserved: number }> {
  const needs = JSON.stringify(places.map((place) => ({ holder_id: randomUUID(), product_id: place.productId, need: LINE_QTY })));
  const picks = await query<{ holder_id: string; product_id: string; id: string; pick: string }>(
    `select n.holder_id, n.product_id, c.id, c.pick::text as pick
     from jsonb_to_recordset($2::jsonb) as n(holder_id uuid, product_id uuid, need numeric)
     cross join lateral (
       select w.id, least(w.free, n.need - (w.running - w.free)) as pick from (
         select f.id, f.free, sum(f.free) over (order by f.expiry_date asc nulls last, f.created_at, f.id) as running from (
           select p.id, p.expiry_date, p.created_at, p.qty - coalesce((select sum(s.qty) from stock_reservations s where s.org_id = $1 and s.license_plate_id = p.id), 0) as free
           from license_plates p
           where p.org_id = $1 and p.status = 'available' and p.product_id = n.product_id and p.qa_status = 'released' and p.qty > 0
             and (p.expiry_date is null or p.expiry_date >= current_date)
             and p.qty > coalesce((select sum(s.qty) from stock_reservations s where s.org_id = $1 and s.license_plate_id = p.id), 0)
           order by p.expiry_date asc nulls last, p.created_at, p.id limit 50) f) w
       where w.running - w.free < n.need) c`,
    [orgId, needs],
  );
  await query('select id from license_plates where org_id = $1 and id = any($2::uuid[]) order by id for update', [orgId, picks.map((pick) => pick.id)]);
  await query(
    `insert into stock_reservations (org_id, license_plate_id, product_id, holder_id, qty)
     select $1, r.id, r.product_id, r.holder_id, r.pick from jsonb_to_recordset($2::jsonb) as r(id uuid, product_id uuid, holder_id uuid, pick numeric)`,
    [orgId, JSON.stringify(picks)],
  );
  return { reserved: picks.length };
}

/** Sends the requests one after another and reports latency percentiles of the 2xx answers. */
async function measure(env: BenchEnv, target: 'app' | 'bare', requests: (() => Promise<Response>)[]): Promise<Measurement> {
  env.log(`allocation: ${target}, ${requests.length} allocations`);
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const started = performance.now();
  for (const send of requests) {
    const before = performance.now();
    const response = await send();
    await response.arrayBuffer();
    statusCodes[response.status] = (statusCodes[response.status] ?? 0) + 1;
    if (response.ok) latencies.push(performance.now() - before);
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (share: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))] ?? 0).toFixed(1));
  return {
    target,
    unit: 'allocations/s',
    connections: 1,
    durationSeconds: Number(seconds.toFixed(1)),
    ok: latencies.length,
    errors: requests.length - latencies.length,
    statusCodes,
    perSecond: Number((latencies.length / seconds).toFixed(1)),
    p50: at(0.5),
    p95: at(0.95),
    p97_5: at(0.975),
    p99: at(0.99),
    max: at(1),
  };
}
