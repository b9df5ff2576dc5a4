import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminContext, receivePlate, setupInventory, sqlAsOwner, type InventoryWorld } from '../../../test/factories/inventory.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { withTenant } from '../../platform/db/tenancy.js';
import type { Tx } from '../../platform/db/database.js';
import { movesQuery } from './ledger.queries.js';
import { licensePlateByNumberSql, licensePlatesQuery, type LicensePlateFilter } from './license-plate.queries.js';

let server: TestServer;
let world: InventoryWorld;
let seeded = 0;

beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
  // PGlite is slow to load; with fewer rows there its plans are checked with sequential scans off.
  seeded = server.database.url ? 20_000 : 4_000;
  // Enough LPs (each with its receipt ledger row) that a scan would be the wrong plan.
  const receipt = (await world.api.post('/api/v1/receipts', { locationId: world.locations.receiving, lines: [{ productId: world.products.flour, qty: 1, lot: 'SEED' }] })).body;
  await sqlAsOwner(
    server,
    `with lps as (
       insert into license_plates (org_id, number, product_id, lot, expiry_date, qty, uom, status, qa_status, location_id, origin, receipt_id, receipt_line_id)
       select $1, 'LPX' || lpad(g::text, 7, '0'), case when g % 2 = 0 then $2::uuid else $3::uuid end, 'LOT-' || (g % 500),
              current_date + (g % 400), case when g % 10 = 0 then 0 else 5 end, 'kg', case when g % 10 = 0 then 'consumed' else 'available' end,
              case when g % 50 = 0 then 'hold' else 'released' end, case when g % 3 = 0 then $4::uuid else $5::uuid end, 'receipt', $6, $7
       from generate_series(1, ${seeded}) g
       returning org_id, id, qty, status, location_id)
     insert into stock_moves (org_id, license_plate_id, type, qty_change, qty_after, to_location_id)
     select org_id, id, case when qty = 0 then 'adjust' else 'receipt' end, qty, qty, location_id from lps`,
    [world.admin.orgId, world.products.flour, world.products.sugar, world.locations.storage, world.locations.receiving, receipt.id, receipt.lines[0].id],
  );
  await sqlAsOwner(server, 'analyze license_plates');
  await sqlAsOwner(server, 'analyze stock_moves');
}, 120_000);
afterAll(() => server.stop());

/** The plan of a query as the app runs it: app role, organization set, row level security on. */
async function planOf(query: (tx: Tx) => SQL, options: { seqscan: boolean }): Promise<string> {
  return withTenant(adminContext(server, world.admin), async (tx) => {
    if (!options.seqscan) await tx.execute(sql`set local enable_seqscan = off`);
    const result = await tx.execute(sql`explain ${query(tx)}`);
    return result.rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

const listFilter = (filter: Partial<LicensePlateFilter>): LicensePlateFilter => ({ limit: 50, after: null, today: null, ...filter });

describe('indexes', () => {
  it('the scanner lookup by number probes the (org_id, number) unique index, even with sequential scans allowed', async () => {
    const plan = await planOf(() => licensePlateByNumberSql('LPX0012345'), { seqscan: true });
    expect(plan).toMatch(/Index Scan using license_plates_org_id_number_key/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it('every list filter, expiry and the LP ledger run on an index', async () => {
    const filters: Partial<LicensePlateFilter>[] = [
      {},
      { productId: world.products.flour },
      { lot: 'LOT-7' },
      { status: 'consumed' },
      { locationId: world.locations.storage },
      { qaStatus: 'hold' },
      { status: 'available', productId: world.products.sugar },
      { expiringWithinDays: 7, today: new Date().toISOString().slice(0, 10) },
    ];
    for (const filter of filters) {
      const plan = await planOf((tx) => licensePlatesQuery(tx, listFilter(filter)).getSQL(), { seqscan: false });
      expect(plan, JSON.stringify(filter)).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
      expect(plan, JSON.stringify(filter)).not.toMatch(/Seq Scan/);
    }
    const lp = await receivePlate(world);
    const ledger = await planOf((tx) => movesQuery(tx, lp.id, { before: null, limit: 50 }).getSQL(), { seqscan: true });
    expect(ledger).toMatch(/stock_moves_license_plate_idx/);
  });

  it('has the indexes the seed names', async () => {
    const rows = await sqlAsOwner<{ indexdef: string }>(server, `select indexdef from pg_indexes where tablename in ('stock_moves', 'license_plates')`);
    const definitions = rows.map((row) => row.indexdef);
    expect(definitions).toContainEqual(expect.stringContaining('(org_id, created_at, from_location_id, to_location_id)'));
    expect(definitions).toContainEqual(expect.stringContaining('(org_id, status, product_id, expiry_date)'));
    expect(definitions).toContainEqual(expect.stringMatching(/UNIQUE INDEX .* \(org_id, number\)/));
  });
});
