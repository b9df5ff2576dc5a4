import type { Session } from '../lib/api.js';
import { startBare, type BareServer } from '../lib/bare.js';
import { INVENTORY_MISSING, inventoryPresent, seedLicensePlates, seedStockPlace, type StockPlace } from '../lib/inventory.js';
import { runLoad, type LoadResult } from '../lib/load.js';
import type { BenchEnv, Measurement, Scenario } from '../lib/types.js';

const CONNECTIONS = 16;
const WORK_ORDERS = 8;
const PLATES = Number(process.env.BENCH_CONSUMPTION_PLATES || 2_000);
const PLATE_QTY = 1_000;
/** Small enough that no plate runs dry in any run: 2,000 plates of 1,000 kg take 100,000 draws each. */
const DRAW_QTY = 0.01;
/** Requests that re-send an answered Idempotency-Key with its body: each must answer 2xx and do nothing. */
const REPLAY_SHARE = 0.05;
/** (plate, work order) pairs the load draws from at random. */
const VARIANTS = 8_000;

/**
 * Issue 11: POST /api/v1/work-orders/:id/consumptions with an Idempotency-Key, 16 connections,
 * into 8 running work orders from random plates among 2,000, 5% of them replays of an answered
 * key; beside a bare handler running the draw's core statements in one transaction (no auth,
 * no row level security, no idempotency, no event, no genealogy link). Afterwards nothing may be
 * lost or doubled: one consumption row per key answered 2xx, and every gram of stock accounted for.
 */
export default function consumptions(): Scenario {
  let session: Session | null = null;
  let workOrderIds: string[] = [];
  let variants: { path: string; body: string }[] = [];
  let bare: BareServer | null = null;

  return {
    name: 'consumptions',
    description: `POST /api/v1/work-orders/:id/consumptions with Idempotency-Key into ${WORK_ORDERS} running orders from ${PLATES} plates, ${CONNECTIONS} connections, beside a bare handler`,

    async setup(env) {
      session = await env.api.signup('consumptions');
      if (!(await inventoryPresent(env, session, { method: 'GET', path: '/api/v1/license-plates/by-number/LP99999999' }))) return { skipped: INVENTORY_MISSING };
      const place = await seedStockPlace(env, session, 'consume');
      env.log(`consumptions: seeding ${PLATES} license plates of ${PLATE_QTY} kg`);
      await seedLicensePlates(env, session, place, { count: PLATES, qty: PLATE_QTY, lot: 'CONSUME' });
      await env.bareQuery('analyze license_plates');
      workOrderIds = await startWorkOrders(env, session, place);
      const plates = await env.bareQuery<{ id: string }>('select id from license_plates where org_id = $1 order by id', [session.orgId]);
      variants = Array.from({ length: VARIANTS }, () => {
        const plate = plates[Math.floor(Math.random() * plates.length)]!;
        const workOrderId = workOrderIds[Math.floor(Math.random() * workOrderIds.length)]!;
        return { path: `/api/v1/work-orders/${workOrderId}/consumptions`, body: JSON.stringify({ licensePlateId: plate.id, qty: DRAW_QTY }) };
      });
      bare = await startBareConsumptions(env, session.orgId);
    },

    async run(env) {
      const app = await measure(env, 'app', env.baseUrl, variants, { authorization: `Bearer ${session!.accessToken}` });
      const settled = await settleUnanswered(env, session!, app.result.unanswered ?? []);
      const accounting = { ...(await checkNothingLostOrDoubled(env, session!.orgId, app, settled)), unansweredAtStop: app.result.unanswered?.length ?? 0 };
      const bareRun = await measure(env, 'bare', bare!.url, variants.map((variant) => ({ ...variant, path: variant.path.replace('/api/v1', '') })), {});
      return { measurements: [app.measurement, bareRun.measurement], notes: { workOrders: WORK_ORDERS, plates: PLATES, replayShare: REPLAY_SHARE, ...accounting } };
    },

    async teardown() {
      await bare?.close();
      bare = null;
    },
  };
}

/** A finished product made 1:1 from the raw one, its BOM active, and the work orders released and started. */
async function startWorkOrders(env: BenchEnv, session: Session, place: StockPlace): Promise<string[]> {
  const token = session.accessToken;
  const product = await env.api.expect<{ id: string }>(201, 'POST', '/api/v1/products', { token, body: { code: 'FG-consume', name: 'Bench bread', type: 'finished', uom: 'kg' } });
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const bom = await env.api.expect<{ id: string }>(201, 'POST', '/api/v1/boms', {
    token,
    body: { productId: product.id, outputQty: 1, effectiveFrom: yesterday, items: [{ productId: place.productId, qty: 1 }] },
  });
  await env.api.expect(200, 'POST', `/api/v1/boms/${bom.id}/activate`, { token });
  const ids: string[] = [];
  for (let n = 0; n < WORK_ORDERS; n++) {
    const order = await env.api.expect<{ id: string }>(201, 'POST', '/api/v1/work-orders', { token, body: { productId: product.id, plannedQty: 100_000_000, bomId: bom.id } });
    await env.api.expect(200, 'POST', `/api/v1/work-orders/${order.id}/release`, { token });
    await env.api.expect(200, 'POST', `/api/v1/work-orders/${order.id}/start`, { token });
    ids.push(order.id);
  }
  return ids;
}

/**
 * The yardstick: the draw's core statements in one transaction on a plain pg connection:
 * lock the order, draw from the plate only if it holds enough, book the ledger row, record the
 * consumption. Writes the same tables as the app, into the same running orders.
 */
async function startBareConsumptions(env: BenchEnv, orgId: string): Promise<BareServer> {
  return startBare((app) => {
    app.post<{ Params: { id: string }; Body: { licensePlateId: string; qty: number } }>('/work-orders/:id/consumptions', async (request, reply) => {
      const qty = String(request.body.qty);
      const consumption = await env.bareTransaction(async (query) => {
        const [order] = await query('select id from work_orders where org_id = $1 and id = $2 for update', [orgId, request.params.id]);
        if (!order) return null;
        const [plate] = await query<{ qty: string; product_id: string; location_id: string }>(
          `update license_plates set qty = qty - $3::numeric, status = case when qty = $3::numeric then 'consumed' else status end
           where org_id = $1 and id = $2 and qty >= $3::numeric returning qty::text, product_id, location_id`,
          [orgId, request.body.licensePlateId, qty],
        );
        if (!plate) return null;
        await query(
          `insert into stock_moves (org_id, license_plate_id, type, qty_change, qty_after, from_location_id, work_order_id) values ($1, $2, 'consume', -$3::numeric, $4::numeric, $5, $6)`,
          [orgId, request.body.licensePlateId, qty, plate.qty, plate.location_id, request.params.id],
        );
        const [row] = await query(
          `insert into work_order_consumptions (org_id, work_order_id, license_plate_id, product_id, qty) values ($1, $2, $3, $4, $5::numeric)
           returning id, work_order_id, license_plate_id, product_id, qty, reversed, created_at`,
          [orgId, request.params.id, request.body.licensePlateId, plate.product_id, qty],
        );
        return row;
      });
      if (!consumption) return reply.code(409).send({ title: 'Conflict' });
      return reply.code(201).send(consumption);
    });
  });
}

async function measure(
  env: BenchEnv,
  target: 'app' | 'bare',
  url: string,
  variants: { path: string; body: string }[],
  headers: Record<string, string>,
): Promise<{ measurement: Measurement; result: LoadResult }> {
  env.log(`consumptions: ${target} for ${env.durationSeconds}s`);
  const result = await runLoad({
    url,
    method: 'POST',
    paths: [],
    variants,
    ...(target === 'app' ? { idempotencyKeys: { replayShare: REPLAY_SHARE } } : {}),
    headers: { ...headers, 'content-type': 'application/json' },
    connections: CONNECTIONS,
    durationSeconds: env.durationSeconds,
    warmupSeconds: env.warmupSeconds,
  });
  const { keysAnsweredOk: _keys, replays: _replays, replaysOk: _replaysOk, unanswered: _unanswered, ...figures } = result;
  return { measurement: { target, unit: 'consumptions/s', connections: CONNECTIONS, ...figures }, result };
}

/**
 * Requests in flight when a run stopped were done (or not) by the server without the load seeing
 * the answer. The same key with the same body tells, as API.md promises: the first answer if it
 * was done, else it is done now. Answers how many of them the server did.
 */
async function settleUnanswered(env: BenchEnv, session: Session, unanswered: { key: string; path: string; body: string }[]): Promise<number> {
  let done = 0;
  for (const request of unanswered) {
    const response = await fetch(`${env.baseUrl}${request.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json', 'idempotency-key': request.key },
      body: request.body,
    });
    await response.arrayBuffer();
    if (response.ok) done += 1;
  }
  return done;
}

/**
 * After the app's run (warm-up included): exactly one consumption per key answered 2xx, every
 * replay answered 2xx without a second consumption, and every plate's quantity equal to what
 * was received minus what its consumptions took, and to the sum of its ledger rows.
 */
async function checkNothingLostOrDoubled(env: BenchEnv, orgId: string, app: { result: LoadResult }, settled: number) {
  const { replays = 0, replaysOk = 0 } = app.result;
  const keysAnsweredOk = (app.result.keysAnsweredOk ?? 0) + settled;
  const [facts] = await env.bareQuery<{ consumptions: number; consumed: string; received: string; on_hand: string; off_ledger: number; balanced: boolean }>(
    `select (select count(*)::int from work_order_consumptions where org_id = $1) as consumptions,
            (select coalesce(sum(qty), 0)::text from work_order_consumptions where org_id = $1) as consumed,
            (select sum(qty_change)::text from stock_moves where org_id = $1 and type = 'receipt') as received,
            (select sum(qty)::text from license_plates where org_id = $1) as on_hand,
            (select count(*)::int from license_plates lp where org_id = $1
               and qty <> (select sum(qty_change) from stock_moves m where m.org_id = lp.org_id and m.license_plate_id = lp.id)) as off_ledger,
            (select sum(qty) from license_plates where org_id = $1)
              = (select sum(qty_change) from stock_moves where org_id = $1 and type = 'receipt')
                - (select coalesce(sum(qty), 0) from work_order_consumptions where org_id = $1) as balanced`,
    [orgId],
  );
  const problems = [
    facts!.consumptions !== keysAnsweredOk && `${facts!.consumptions} consumptions for ${keysAnsweredOk} keys answered 2xx`,
    replaysOk !== replays && `${replays - replaysOk} of ${replays} replays were refused`,
    !facts!.balanced && `on hand ${facts!.on_hand} is not received ${facts!.received} minus consumed ${facts!.consumed}`,
    facts!.off_ledger > 0 && `${facts!.off_ledger} plates differ from the sum of their ledger rows`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`consumptions lost or doubled: ${problems.join('; ')}`);
  return { keysAnsweredOk, consumptionRows: facts!.consumptions, replays, replaysAnsweredOk: replaysOk, consumedQty: facts!.consumed, onHand: facts!.on_hand, lostOrDoubled: 0 };
}
