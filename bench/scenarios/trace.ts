import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { RawSession } from '../../src/platform/db/database.js';
import { parseCsv } from '../../src/platform/csv.js';
import { fsma204Statement } from '../../src/modules/traceability/fsma204.queries.js';
import { fsma204Header } from '../../src/modules/traceability/fsma204.rows.js';
import { recallStatement, recallSummaryStatement, traceSettings, traceStatement } from '../../src/modules/traceability/trace.queries.js';
import type { Session } from '../lib/api.js';
import { runLoad } from '../lib/load.js';
import type { BenchEnv, Measurement, Scenario } from '../lib/types.js';

/**
 * Issue 5: trace and recall over a genealogy of TRACE_LPS license plates and ~TRACE_LINKS
 * links in one organization (default 1,000,000 and 10,000,000 on PostgreSQL; 20,000 and
 * 200,000 on PGlite), built straight in the real tables with batched INSERT ... SELECT
 * generate_series:
 *
 *   raw LPs (lots of 20, one receipt per lot)
 *     → intermediate work orders: each consumes `inputs` raw LPs and makes 2 LPs
 *     → finished work orders: each consumes both LPs of one intermediate order plus
 *       `inputs` raw LPs (packaging, spices) and makes 5 LPs
 *     → 4 of 9 finished LPs are split once, 3 of 9 are shipped (shipments of 20 LPs)
 *
 * The raw lot HOT (50 LPs) goes into ~1,000 intermediate orders and nothing else, so its
 * forward closure is known exactly and checked. Measured through HTTP (one connection,
 * BENCH_DURATION seconds each): forward trace of HOT (~9,300 LPs, ~14,000 links, ~6 MB of
 * JSON at full scale), forward trace of random raw LPs, backward trace of random finished
 * LPs, recall of HOT (LP level, streamed), the recall summary of HOT (lot level; issue 11's
 * goal is p95 < 50 ms at full scale, its lot count and sums checked against the closure), the
 * FSMA 204 spreadsheet of HOT (issue 15: under a second; its work orders checked against the
 * closure) and HOT's mass balance;
 * and the statements alone in SQL under the app role, with EXPLAIN (ANALYZE, BUFFERS) of
 * the trace and the summary.
 *
 * Loading runs with session_replication_role = replica (no triggers, no FK checks, so the lot
 * genealogy is filled by the statement the migration backfills it with) and the
 * secondary indexes of license_plates, lp_links and stock_moves dropped and rebuilt after;
 * referential integrity and ledger = qty are verified by SQL afterwards instead.
 */

const LOT_SIZE = 20;
const HOT_PLATES = 50;
const FINISHED_PER_ORDER = 5;
/** How many random LPs the typical traces cycle through. */
const SAMPLE = 200;
const SQL_RUNS = 30;

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1000) throw new Error(`${name} must be a whole number of at least 1000, got "${raw}"`);
  return value;
}

/** How many of k in [0, n) have k % 9 in [low, high]. */
const countMod9 = (n: number, low: number, high: number) => Math.floor(n / 9) * (high - low + 1) + Math.max(0, Math.min(n % 9, high + 1) - low);

export interface Plan {
  raw: number;
  orders: number;
  inputs: number;
  intermediates: number;
  finished: number;
  splits: number;
  shipped: number;
  shipments: number;
  lots: number;
  hotPlates: number;
  hotOrders: number;
  links: number;
  plates: number;
}

export function planGenealogy(plates: number, links: number): Plan {
  const orders = Math.max(10, Math.round(plates * 0.065));
  const intermediates = orders * 2;
  const finished = orders * FINISHED_PER_ORDER;
  const splits = countMod9(finished, 0, 3);
  const raw = Math.max(plates - intermediates - finished - splits, 1000);
  const hotPlates = Math.min(HOT_PLATES, Math.floor(raw / 10));
  const inputs = Math.max(1, Math.min(raw - hotPlates - 1, Math.round((links - splits - 10 * orders) / (7 * orders))));
  const shipped = countMod9(finished, 4, 6);
  return {
    raw,
    orders,
    inputs,
    intermediates,
    finished,
    splits,
    shipped,
    shipments: Math.ceil(shipped / 20),
    lots: 1 + Math.ceil((raw - hotPlates) / LOT_SIZE),
    hotPlates,
    hotOrders: Math.min(1000, Math.max(1, Math.floor(orders / 10))),
    links: orders * inputs * 2 + orders * (2 + inputs) * FINISHED_PER_ORDER + splits,
    plates: raw + intermediates + finished + splits,
  };
}

/** What the forward trace of HOT must reach, exactly. */
function hotClosure(plan: Plan) {
  const finished = plan.hotOrders * FINISHED_PER_ORDER;
  const splits = countMod9(finished, 0, 3);
  return {
    plates: plan.hotPlates + plan.hotOrders * 2 + finished + splits,
    links: plan.hotOrders * 2 + plan.hotOrders * 2 * FINISHED_PER_ORDER + splits,
    shipments: countMod9(finished, 4, 6),
  };
}

/** Deterministic ids: a per-run prefix, the kind of record, its ordinal (valid UUIDv7 layout). */
const benchId = (prefix: string, kind: number, n: number) => `${prefix}-${kind.toString(16).padStart(4, '0')}-7000-8000-${n.toString(16).padStart(12, '0')}`;
const KIND = { raw: 1, intermediate: 2, finished: 3, split: 4, intermediateOrder: 5, finishedOrder: 6, receipt: 7, receiptLine: 8, shipment: 9 } as const;

export interface Master {
  orgId: string;
  locationId: string;
  suppliers: string[];
  customers: string[];
  rawProducts: string[];
  intermediateProducts: string[];
  intermediateBoms: string[];
  finishedProducts: string[];
  finishedBoms: string[];
}

/** Master data through the real API: a location, suppliers, customers, products and their active BOMs. */
export async function createMasterData(env: BenchEnv, session: Session): Promise<Master> {
  const token = session.accessToken;
  const post = <T = { id: string }>(path: string, body: unknown) => env.api.expect<T>(201, 'POST', path, { token, body });
  const warehouse = await post('/api/v1/warehouses', { code: 'WH-TRACE', name: 'Trace bench' });
  const location = await post('/api/v1/locations', { warehouseId: warehouse.id, code: 'STORE', name: 'Store', type: 'storage' });
  const many = async (count: number, make: (index: number) => Promise<string>) => {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) ids.push(await make(index));
    return ids;
  };
  const suppliers = await many(20, async (i) => (await post('/api/v1/suppliers', { code: `SUP-${i}`, name: `Supplier ${i}` })).id);
  const customers = await many(100, async (i) => (await post('/api/v1/customers', { code: `CUS-${i}`, name: `Customer ${i}` })).id);
  const product = async (code: string, type: string) => (await post('/api/v1/products', { code, name: `Bench ${code}`, type, uom: 'kg' })).id;
  const rawProducts = await many(40, (i) => product(`RAW-${i}`, 'raw'));
  const withBom = async (count: number, prefix: string, type: string) => {
    const products = await many(count, (i) => product(`${prefix}-${i}`, type));
    const boms = await many(count, async (i) => {
      const bom = await post('/api/v1/boms', { productId: products[i], outputQty: 100, effectiveFrom: '2020-01-01', items: [{ productId: rawProducts[i % rawProducts.length], qty: 50 }] });
      return (await env.api.expect<{ id: string }>(200, 'POST', `/api/v1/boms/${bom.id}/activate`, { token })).id;
    });
    return { products, boms };
  };
  const intermediate = await withBom(10, 'INT', 'intermediate');
  const finished = await withBom(20, 'FIN', 'finished');
  return {
    orgId: session.orgId,
    locationId: location.id,
    suppliers,
    customers,
    rawProducts,
    intermediateProducts: intermediate.products,
    intermediateBoms: intermediate.boms,
    finishedProducts: finished.products,
    finishedBoms: finished.boms,
  };
}

const uuidArray = (ids: string[]) => `array[${ids.map((id) => `'${id}'`).join(',')}]::uuid[]`;

/** The batched INSERT ... SELECT statements that build the genealogy, as [label, rows, sql] in load order. */
function loadStatements(plan: Plan, m: Master): [string, number, string][] {
  const { raw, orders: W, inputs, hotPlates: H, hotOrders, lots, finished: F } = plan;
  const org = `'${m.orgId}'::uuid`;
  const loc = `'${m.locationId}'::uuid`;
  const id = (kind: number, n: string) => `pg_temp.bench_id(${kind}, ${n})`;
  const raws = uuidArray(m.rawProducts);
  const ints = uuidArray(m.intermediateProducts);
  const fins = uuidArray(m.finishedProducts);
  const lp = (n: string) => `'LP' || lpad((${n} + 1)::text, 8, '0')`;
  const wo = (n: string) => `'WO-' || lpad((${n} + 1)::text, 6, '0')`;
  const lotName = (k: string) => `case when ${k} = 0 then 'HOT' else 'R' || lpad(${k}::text, 6, '0') end`;
  const rawPick = (order: string, j: string, prime: number, offset: number) => `${H} + ((${order}::bigint * ${inputs} + ${j}) * ${prime} + ${offset}) % ${raw - H}`;
  const lpColumns = 'id, org_id, number, product_id, lot, expiry_date, qty, uom, status, qa_status, location_id, origin, receipt_id, receipt_line_id, work_order_id';
  const moveColumns = 'org_id, license_plate_id, type, qty_change, qty_after, from_location_id, to_location_id, related_lp_id, work_order_id';
  const statements: [string, number, string][] = [];
  const batches = (label: string, total: number, size: number, perItem: number, make: (from: number, to: number) => string) => {
    for (let from = 0; from < total; from += size) {
      const to = Math.min(from + size, total) - 1;
      statements.push([`${label} ${from}..${to}`, (to - from + 1) * perItem, make(from, to)]);
    }
  };

  statements.push([
    'receipts',
    lots,
    `insert into receipts (id, org_id, number, supplier_id, location_id)
     select ${id(KIND.receipt, 'k')}, ${org}, 'GRN-' || lpad((k + 1)::text, 6, '0'), (${uuidArray(m.suppliers)})[k % ${m.suppliers.length} + 1], ${loc}
     from generate_series(0, ${lots - 1}) k`,
  ]);
  statements.push([
    'receipt lines',
    lots,
    `insert into receipt_lines (id, org_id, receipt_id, line_no, product_id, qty, plate_count, lot, expiry_date)
     select ${id(KIND.receiptLine, 'k')}, ${org}, ${id(KIND.receipt, 'k')}, 1, (${raws})[k % ${m.rawProducts.length} + 1], 100,
            case when k = 0 then ${H} else least(${LOT_SIZE}, ${raw - H} - (k - 1) * ${LOT_SIZE}) end, ${lotName('k')}, date '2027-01-01' + (k % 300)
     from generate_series(0, ${lots - 1}) k`,
  ]);
  batches('raw LPs', raw, 200_000, 1, (a, b) =>
    `insert into license_plates (${lpColumns})
     select ${id(KIND.raw, 'r')}, ${org}, ${lp('r')}, (${raws})[lk % ${m.rawProducts.length} + 1], ${lotName('lk')}, date '2027-01-01' + (lk % 300),
            100, 'kg', 'available', 'released', ${loc}, 'receipt', ${id(KIND.receipt, 'lk')}, ${id(KIND.receiptLine, 'lk')}, null
     from (select r, case when r < ${H} then 0 else 1 + (r - ${H}) / ${LOT_SIZE} end as lk from generate_series(${a}, ${b}) r) g`,
  );
  for (const [kind, offset, products, boms, label] of [
    [KIND.intermediateOrder, 0, ints, uuidArray(m.intermediateBoms), 'intermediate'],
    [KIND.finishedOrder, W, fins, uuidArray(m.finishedBoms), 'finished'],
  ] as const) {
    const count = kind === KIND.intermediateOrder ? m.intermediateProducts.length : m.finishedProducts.length;
    statements.push([
      `${label} work orders`,
      W,
      `insert into work_orders (id, org_id, number, product_id, bom_id, planned_qty, scheduled_date, status, produced_qty)
       select ${id(kind, 'i')}, ${org}, ${wo(`${offset} + i`)}, (${products})[i % ${count} + 1], (${boms})[i % ${count} + 1], 200,
              date '2026-01-01' + (i % 365), 'closed', 200
       from generate_series(0, ${W - 1}) i`,
    ]);
  }
  batches('intermediate LPs', plan.intermediates, 200_000, 1, (a, b) =>
    `insert into license_plates (${lpColumns})
     select ${id(KIND.intermediate, 'n')}, ${org}, ${lp(`${raw} + n`)}, (${ints})[(n / 2) % ${m.intermediateProducts.length} + 1], ${wo('n / 2')},
            date '2026-06-01', 0, 'kg', 'consumed', 'released', ${loc}, 'output', null, null, ${id(KIND.intermediateOrder, 'n / 2')}
     from generate_series(${a}, ${b}) n`,
  );
  batches('finished LPs', F, 200_000, 1, (a, b) =>
    `insert into license_plates (${lpColumns})
     select ${id(KIND.finished, 'k')}, ${org}, ${lp(`${raw + plan.intermediates} + k`)}, (${fins})[(k / 5) % ${m.finishedProducts.length} + 1], ${wo(`${W} + k / 5`)},
            date '2026-09-01', case when k % 9 < 4 then 60 when k % 9 < 7 then 0 else 100 end, 'kg',
            case when k % 9 between 4 and 6 then 'shipped' else 'available' end, 'released', ${loc}, 'output', null, null, ${id(KIND.finishedOrder, 'k / 5')}
     from generate_series(${a}, ${b}) k`,
  );
  const splitOrdinal = '(k / 9) * 4 + k % 9';
  batches('split LPs', F, 400_000, 4 / 9, (a, b) =>
    `insert into license_plates (${lpColumns})
     select ${id(KIND.split, splitOrdinal)}, ${org}, ${lp(`${raw + plan.intermediates + F} + ${splitOrdinal}`)}, (${fins})[(k / 5) % ${m.finishedProducts.length} + 1],
            ${wo(`${W} + k / 5`)}, date '2026-09-01', 40, 'kg', 'available', 'released', ${loc}, 'split', null, null, null
     from generate_series(${a}, ${b}) k where k % 9 < 4`,
  );
  const perIntermediate = inputs * 2;
  batches('intermediate links', W, Math.max(1, Math.floor(600_000 / perIntermediate)), perIntermediate, (a, b) =>
    `insert into lp_links (org_id, from_lp_id, to_lp_id, type, qty, work_order_id)
     select ${org}, ${id(KIND.raw, `case when j = 0 and i < ${hotOrders} then i % ${H} else ${rawPick('i', 'j', 1_000_003, 0)} end`)},
            ${id(KIND.intermediate, '2 * i + o')}, 'production', 10, ${id(KIND.intermediateOrder, 'i')}
     from generate_series(${a}, ${b}) i, generate_series(0, ${inputs - 1}) j, generate_series(0, 1) o`,
  );
  const perFinished = (inputs + 2) * FINISHED_PER_ORDER;
  batches('finished links', W, Math.max(1, Math.floor(600_000 / perFinished)), perFinished, (a, b) =>
    `insert into lp_links (org_id, from_lp_id, to_lp_id, type, qty, work_order_id)
     select ${org}, case when j < 2 then ${id(KIND.intermediate, '2 * f + j')} else ${id(KIND.raw, rawPick('f', 'j - 2', 1_000_033, 17))} end,
            ${id(KIND.finished, `${FINISHED_PER_ORDER} * f + o`)}, 'production', case when j < 2 then 100 else 10 end, ${id(KIND.finishedOrder, 'f')}
     from generate_series(${a}, ${b}) f, generate_series(0, ${inputs + 1}) j, generate_series(0, ${FINISHED_PER_ORDER - 1}) o`,
  );
  batches('split links', F, 400_000, 4 / 9, (a, b) =>
    `insert into lp_links (org_id, from_lp_id, to_lp_id, type, qty, work_order_id)
     select ${org}, ${id(KIND.finished, 'k')}, ${id(KIND.split, splitOrdinal)}, 'split', 40, null from generate_series(${a}, ${b}) k where k % 9 < 4`,
  );
  // Loading runs without triggers, so the lot genealogy is filled as migrations/0013's backfill fills it.
  statements.push([
    'lot links',
    0,
    `insert into lot_links (org_id, parent_product_id, parent_lot, child_product_id, child_lot)
     select distinct l.org_id, f.product_id, f.lot, t.product_id, t.lot
       from lp_links l
       join license_plates f on f.org_id = l.org_id and f.id = l.from_lp_id
       join license_plates t on t.org_id = l.org_id and t.id = l.to_lp_id
      where l.org_id = ${org} and (f.product_id, f.lot) <> (t.product_id, t.lot)`,
  ]);
  // The ledger: every LP's rows add up to its qty (creation, then consume, split or ship).
  batches('ledger: receipts', raw, 400_000, 1, (a, b) =>
    `insert into stock_moves (${moveColumns}) select ${org}, ${id(KIND.raw, 'r')}, 'receipt', 100, 100, null, ${loc}, null, null from generate_series(${a}, ${b}) r`,
  );
  statements.push([
    'ledger: intermediate output',
    plan.intermediates,
    `insert into stock_moves (${moveColumns})
     select ${org}, ${id(KIND.intermediate, 'n')}, 'output', 100, 100, null, ${loc}, null, ${id(KIND.intermediateOrder, 'n / 2')} from generate_series(0, ${plan.intermediates - 1}) n`,
  ]);
  statements.push([
    'ledger: intermediate consume',
    plan.intermediates,
    `insert into stock_moves (${moveColumns})
     select ${org}, ${id(KIND.intermediate, 'n')}, 'consume', -100, 0, ${loc}, null, null, ${id(KIND.finishedOrder, 'n / 2')} from generate_series(0, ${plan.intermediates - 1}) n`,
  ]);
  batches('ledger: finished output', F, 400_000, 1, (a, b) =>
    `insert into stock_moves (${moveColumns})
     select ${org}, ${id(KIND.finished, 'k')}, 'output', 100, 100, null, ${loc}, null, ${id(KIND.finishedOrder, 'k / 5')} from generate_series(${a}, ${b}) k`,
  );
  statements.push([
    'ledger: splits',
    plan.splits * 2,
    `insert into stock_moves (${moveColumns})
     select ${org}, case when side = 0 then ${id(KIND.finished, 'k')} else ${id(KIND.split, splitOrdinal)} end, 'split',
            case when side = 0 then -40 else 40 end, case when side = 0 then 60 else 40 end, case when side = 0 then ${loc} end, case when side = 1 then ${loc} end,
            case when side = 0 then ${id(KIND.split, splitOrdinal)} else ${id(KIND.finished, 'k')} end, null
     from generate_series(0, ${F - 1}) k, generate_series(0, 1) side where k % 9 < 4`,
  ]);
  const shippedOrdinal = '((k / 9) * 3 + k % 9 - 4)';
  statements.push([
    'shipments',
    plan.shipments,
    `insert into shipments (id, org_id, number, customer_id, ship_date)
     select ${id(KIND.shipment, 'q')}, ${org}, 'SH-' || lpad((q + 1)::text, 6, '0'), (${uuidArray(m.customers)})[q % ${m.customers.length} + 1], date '2026-07-01' + (q % 180)
     from generate_series(0, ${plan.shipments - 1}) q`,
  ]);
  statements.push([
    'shipment lines and ledger: ship',
    plan.shipped * 2,
    `with lines as (
       insert into shipment_lines (org_id, shipment_id, line_no, license_plate_id, product_id, lot, qty)
       select ${org}, ${id(KIND.shipment, `${shippedOrdinal} / 20`)}, ${shippedOrdinal} % 20 + 1, ${id(KIND.finished, 'k')},
              (${fins})[(k / 5) % ${m.finishedProducts.length} + 1], ${wo(`${W} + k / 5`)}, 100
       from generate_series(0, ${F - 1}) k where k % 9 between 4 and 6
       returning license_plate_id, shipment_id)
     insert into stock_moves (${moveColumns}, reason)
     select ${org}, license_plate_id, 'ship', -100, 0, ${loc}, null, null, null, 'bench shipment' from lines`,
  ]);
  statements.push([
    'counters',
    4,
    `insert into org_counters (org_id, name, value) values
       (${org}, 'LP', ${plan.plates}), (${org}, 'WO', ${2 * W}), (${org}, 'GRN', ${lots}), (${org}, 'SH', ${plan.shipments})
     on conflict (org_id, name) do update set value = excluded.value`,
  ]);
  return statements;
}

const MANAGED_TABLES = ['license_plates', 'lp_links', 'stock_moves'];

/** Builds the genealogy in one session: secondary indexes dropped, triggers off, rows in, indexes rebuilt, statistics fresh. */
export async function buildGenealogy(env: BenchEnv, session: RawSession, plan: Plan, master: Master, prefix: string): Promise<Record<string, number>> {
  const seconds: Record<string, number> = {};
  const started = performance.now();
  await session.exec(`create or replace function pg_temp.bench_id(kind int, n bigint) returns uuid language sql immutable as
    $$ select ('${prefix}' || '-' || lpad(to_hex(kind), 4, '0') || '-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$`);
  const indexes = await session.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = 'public' and i.tablename = any($1::text[]) and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [MANAGED_TABLES],
  );
  for (const index of indexes) await session.exec(`drop index ${index.indexname}`);
  try {
    await session.exec(`set session_replication_role = replica`);
    // The lot links' DISTINCT over ~10M links hashes in memory instead of spilling.
    await session.exec(`set work_mem = '256MB'`);
    let rows = 0;
    for (const [label, count, statement] of loadStatements(plan, master)) {
      const t0 = performance.now();
      await session.exec(statement);
      rows += Math.round(count);
      const kind = label.split(' ').slice(0, 2).join(' ');
      seconds[kind] = (seconds[kind] ?? 0) + (performance.now() - t0) / 1000;
      env.log(`trace: ${label}: ${Math.round(count)} rows in ${((performance.now() - t0) / 1000).toFixed(1)}s (${rows} so far, ${((performance.now() - started) / 1000).toFixed(0)}s)`);
    }
  } finally {
    await session.exec(`reset session_replication_role`);
    await session.exec(`reset work_mem`);
    await session.exec(`set maintenance_work_mem = '1GB'`).catch(() => undefined);
    const t0 = performance.now();
    for (const index of indexes) await session.exec(index.indexdef);
    await session.exec(`reset maintenance_work_mem`).catch(() => undefined);
    seconds.indexes = (performance.now() - t0) / 1000;
    env.log(`trace: rebuilt ${indexes.length} indexes (${indexes.map((i) => i.indexname).join(', ')}) in ${seconds.indexes.toFixed(1)}s`);
  }
  const t0 = performance.now();
  await session.exec(`vacuum (analyze) license_plates, lp_links, lot_links, stock_moves, receipts, receipt_lines, shipments, shipment_lines, work_orders`);
  seconds.vacuumAnalyze = (performance.now() - t0) / 1000;
  seconds.total = (performance.now() - started) / 1000;
  return seconds;
}

/** What loading without triggers must not have broken: every link and shipment line points at an LP, and every LP's qty is its ledger. */
export async function verifyGenealogy(session: RawSession, orgId: string): Promise<Record<string, number>> {
  const [counts] = await session.query<Record<string, number>>(
    `select (select count(*) from license_plates where org_id = $1)::int as plates,
            (select count(*) from lp_links where org_id = $1)::int as links,
            (select count(*) from lot_links where org_id = $1)::int as lot_links,
            (select count(*) from lp_links l where l.org_id = $1
               and (not exists (select 1 from license_plates a where a.id = l.from_lp_id) or not exists (select 1 from license_plates b where b.id = l.to_lp_id)))::int as dangling_links,
            (select count(*) from license_plates lp left join (select license_plate_id, sum(qty_change) as total from stock_moves where org_id = $1 group by 1) m
               on m.license_plate_id = lp.id where lp.org_id = $1 and m.total is distinct from lp.qty)::int as ledger_mismatches,
            (select count(*) from license_plates lp where lp.org_id = $1 and lp.work_order_id is not null
               and not exists (select 1 from work_orders w where w.id = lp.work_order_id))::int as orphan_outputs`,
    [orgId],
  );
  if (counts!.dangling_links || counts!.ledger_mismatches || counts!.orphan_outputs) throw new Error(`the genealogy is inconsistent: ${JSON.stringify(counts)}`);
  return counts!;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round2 = (value: number) => Number(value.toFixed(2));

/** Runs a statement as the app role inside the organization (RLS on, exactly as withTenant does). */
async function asTenant<T>(session: RawSession, orgId: string, fn: () => Promise<T>): Promise<T> {
  await session.exec('begin');
  try {
    await session.query(`select set_config('role', 'monopilot_app', true), set_config('app.org_id', $1, true)`, [orgId]);
    await session.exec(new PgDialect().sqlToQuery(traceSettings).sql);
    return await fn();
  } finally {
    await session.exec('rollback');
  }
}

/** The statement alone, SQL_RUNS times in a row after one warm-up run: p50/p95/p99 in ms. */
async function timeStatement(session: RawSession, orgId: string, statement: SQL) {
  const query = new PgDialect().sqlToQuery(statement);
  return asTenant(session, orgId, async () => {
    await session.query(query.sql, query.params);
    const times: number[] = [];
    for (let run = 0; run < SQL_RUNS; run++) {
      const t0 = performance.now();
      await session.query(query.sql, query.params);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { p50: round2(percentile(times, 50)), p95: round2(percentile(times, 95)), p99: round2(percentile(times, 99)), max: round2(times[times.length - 1]!) };
  });
}

async function explain(session: RawSession, orgId: string, statement: SQL): Promise<string> {
  const query = new PgDialect().sqlToQuery(statement);
  const rows = await asTenant(session, orgId, () => session.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${query.sql}`, query.params));
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

/**
 * The FSMA 204 spreadsheet of HOT: its receiving, a transformation for each of the orders its
 * closure holds (the intermediate ones that drew HOT, the finished ones that drew those), and
 * its lots' shipments. Answers the row counts and size.
 */
async function checkFsma204(baseUrl: string, token: string, hotProduct: string, hotOrders: number) {
  const response = await fetch(`${baseUrl}/api/v1/trace/fsma204?productId=${hotProduct}&lot=HOT`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`FSMA 204 of HOT: ${response.status} ${text.slice(0, 500)}`);
  const rows = parseCsv(text).slice(1).map((record) => record.fields);
  const column = (name: string) => fsma204Header.indexOf(name as (typeof fsma204Header)[number]);
  const of = (event: string) => rows.filter((row) => row[column('Critical Tracking Event')] === event);
  const orders = new Set(of('Transformation').map((row) => row[column('Reference Document Number')]));
  const hotReceived = of('Receiving').filter((row) => row[0] === 'HOT');
  if (orders.size !== 2 * hotOrders || hotReceived.length === 0 || of('Shipping').length === 0) {
    throw new Error(`FSMA 204 of HOT: ${orders.size} work orders (expected ${2 * hotOrders}), ${hotReceived.length} receipts of HOT, ${of('Shipping').length} shipping rows`);
  }
  return { rows: rows.length, receiving: of('Receiving').length, transformation: of('Transformation').length, shipping: of('Shipping').length, responseBytes: Buffer.byteLength(text) };
}

export default function traceScenario(): Scenario {
  let session: Session | null = null;
  let plan: Plan | null = null;
  let master: Master | null = null;
  const prefix = randomBytes(4).toString('hex');
  const notes: Record<string, unknown> = {};

  return {
    name: 'trace',
    description: 'forward/backward trace and recall over a genealogy of TRACE_LPS LPs and ~TRACE_LINKS links (1M / 10M on PostgreSQL)',

    async setup(env) {
      const small = env.kind === 'pglite';
      plan = planGenealogy(intEnv('TRACE_LPS', small ? 20_000 : 1_000_000), intEnv('TRACE_LINKS', small ? 200_000 : 10_000_000));
      env.log(`trace: plan ${JSON.stringify(plan)}${small ? ' (PGlite: reduced scale; set TRACE_LPS / TRACE_LINKS to change it)' : ''}`);
      session = await env.api.signup('trace');
      master = await createMasterData(env, session);
      const orgId = session.orgId;
      notes.build = await env.db.withSession(async (raw) => buildGenealogy(env, raw, plan!, master!, prefix));
      notes.counts = await env.db.withSession((raw) => verifyGenealogy(raw, orgId));
      notes.plan = plan;
      env.log(`trace: built and verified ${JSON.stringify(notes.counts)} in ${JSON.stringify(notes.build)}`);
    },

    async run(env) {
      const p = plan!;
      const orgId = session!.orgId;
      const hotProduct = master!.rawProducts[0]!;
      const hotRoots = Array.from({ length: p.hotPlates }, (_, n) => benchId(prefix, KIND.raw, n)).sort();
      const finishedSample = Array.from({ length: SAMPLE }, () => benchId(prefix, KIND.finished, Math.floor(Math.random() * p.finished)));
      const rawSample = Array.from({ length: SAMPLE }, () => benchId(prefix, KIND.raw, p.hotPlates + Math.floor(Math.random() * (p.raw - p.hotPlates))));
      const headers = { authorization: `Bearer ${session!.accessToken}` };

      // Correctness at scale: the forward closure of HOT is known exactly.
      const expected = hotClosure(p);
      const forwardResponse = await fetch(`${env.baseUrl}/api/v1/trace/forward?productId=${hotProduct}&lot=HOT`, { headers: { authorization: `Bearer ${session!.accessToken}` } });
      const forwardText = await forwardResponse.text();
      if (forwardResponse.status !== 200) throw new Error(`forward trace of HOT: ${forwardResponse.status} ${forwardText.slice(0, 500)}`);
      const forward = JSON.parse(forwardText) as { licensePlates: unknown[]; links: unknown[]; shipments: unknown[]; roots: string[] };
      const got = { plates: forward.licensePlates.length, links: forward.links.length, shipments: forward.shipments.length };
      if (JSON.stringify(got) !== JSON.stringify(expected) || forward.roots.length !== p.hotPlates) {
        throw new Error(`forward trace of HOT reached ${JSON.stringify(got)} from ${forward.roots.length} roots; expected ${JSON.stringify(expected)} from ${p.hotPlates}`);
      }
      const backward = await env.api.expect<{ licensePlates: unknown[]; receipts: unknown[] }>(200, 'GET', `/api/v1/trace/backward?licensePlateId=${finishedSample[0]}`, { token: session!.accessToken });
      const typical = await env.api.expect<{ licensePlates: unknown[]; shipments: unknown[] }>(200, 'GET', `/api/v1/trace/forward?licensePlateId=${rawSample[0]}`, { token: session!.accessToken });
      notes.hotClosure = { ...got, responseBytes: Buffer.byteLength(forwardText) };
      // The summary of HOT: HOT itself, one lot per intermediate order and one per finished order (each order's LPs take its number as lot).
      const summaryText = await (await fetch(`${env.baseUrl}/api/v1/trace/recall/summary?productId=${hotProduct}&lot=HOT`, { headers: { authorization: `Bearer ${session!.accessToken}` } })).text();
      const summary = JSON.parse(summaryText) as { lots: { lot: string; producedQty: number; shipped: { qty: number }[] }[] };
      const expectedLots = 1 + 2 * p.hotOrders;
      const summaryShipped = summary.lots.flatMap((lot) => lot.shipped).reduce((sum, to) => sum + to.qty, 0);
      if (summary.lots?.length !== expectedLots || summary.lots[0]!.lot !== 'HOT' || summary.lots[0]!.producedQty !== 100 * p.hotPlates || summaryShipped !== 100 * expected.shipments) {
        throw new Error(`recall summary of HOT: ${summary.lots?.length} lots, shipped ${summaryShipped}; expected ${expectedLots} lots (HOT first, ${100 * p.hotPlates} received), shipped ${100 * expected.shipments}: ${summaryText.slice(0, 500)}`);
      }
      notes.hotSummary = { lots: summary.lots.length, responseBytes: Buffer.byteLength(summaryText) };
      notes.hotFsma204 = await checkFsma204(env.baseUrl, session!.accessToken, hotProduct, p.hotOrders);
      notes.backwardSample = { plates: backward.licensePlates.length, receipts: backward.receipts.length };
      notes.forwardSample = { plates: typical.licensePlates.length, shipments: typical.shipments.length };

      const measurements: Measurement[] = [];
      const targets: [string, string[]][] = [
        ['forward traces of HOT', [`/api/v1/trace/forward?productId=${hotProduct}&lot=HOT`]],
        ['forward traces of a raw LP', rawSample.map((id) => `/api/v1/trace/forward?licensePlateId=${id}`)],
        ['backward traces of a finished LP', finishedSample.map((id) => `/api/v1/trace/backward?licensePlateId=${id}`)],
        ['recalls of HOT', [`/api/v1/trace/recall?productId=${hotProduct}&lot=HOT`]],
        ['recall summaries of HOT', [`/api/v1/trace/recall/summary?productId=${hotProduct}&lot=HOT`]],
        ['FSMA 204 spreadsheets of HOT', [`/api/v1/trace/fsma204?productId=${hotProduct}&lot=HOT`]],
        ['mass balances of HOT', [`/api/v1/trace/mass-balance?productId=${hotProduct}&lot=HOT`]],
      ];
      for (const [unit, paths] of targets) {
        env.log(`trace: ${unit} over HTTP for ${env.durationSeconds}s`);
        const result = await runLoad({ url: env.baseUrl, method: 'GET', paths, headers, connections: 1, durationSeconds: env.durationSeconds, warmupSeconds: env.warmupSeconds });
        measurements.push({ target: 'app', unit: `${unit}/s`, connections: 1, ...result });
      }

      notes.sqlOnly = await env.db.withSession(async (raw) => ({
        forwardHotLot: await timeStatement(raw, orgId, traceStatement('forward', hotRoots)),
        forwardRawLp: await timeStatement(raw, orgId, traceStatement('forward', [rawSample[1]!])),
        backwardFinishedLp: await timeStatement(raw, orgId, traceStatement('backward', [finishedSample[1]!])),
        recallHotLot: await timeStatement(raw, orgId, recallStatement({ productId: hotProduct, lot: 'HOT' }, hotRoots)),
        recallSummaryHotLot: await timeStatement(raw, orgId, recallSummaryStatement({ productId: hotProduct, lot: 'HOT' })),
        fsma204HotLot: await timeStatement(raw, orgId, fsma204Statement({ productId: hotProduct, lot: 'HOT' }, 'UTC')),
      }));
      env.log(`trace: the statements alone (ms, ${SQL_RUNS} runs each): ${JSON.stringify(notes.sqlOnly)}`);
      const plans = await env.db.withSession(async (raw) => ({
        forward: await explain(raw, orgId, traceStatement('forward', hotRoots)),
        backward: await explain(raw, orgId, traceStatement('backward', [finishedSample[2]!])),
        summary: await explain(raw, orgId, recallSummaryStatement({ productId: hotProduct, lot: 'HOT' })),
      }));
      env.log(`trace: EXPLAIN (ANALYZE, BUFFERS) forward trace of HOT:\n${plans.forward}`);
      env.log(`trace: EXPLAIN (ANALYZE, BUFFERS) backward trace of a finished LP:\n${plans.backward}`);
      env.log(`trace: EXPLAIN (ANALYZE, BUFFERS) recall summary of HOT:\n${plans.summary}`);
      notes.explain = { forward: plans.forward.split('\n'), backward: plans.backward.split('\n'), summary: plans.summary.split('\n') };
      return { measurements, notes };
    },

    async teardown() {},
  };
}
