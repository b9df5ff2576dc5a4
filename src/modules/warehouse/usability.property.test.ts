import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupInventory, type InventoryWorld } from '../../../test/factories/inventory.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { lpStatuses, qaStatuses } from './license-plate.schema.js';
import { usabilityProblems, usableLicensePlateSql } from './usability.js';

// THE usability rule has two forms: usabilityProblems in JavaScript (consume, ship) and
// usableLicensePlateSql (queries that sum or pick usable stock). On random plates, stored in
// a real license_plates table and read back through the SQL form, the two agree.

let server: TestServer;
let world: InventoryWorld;

beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const plate = fc
  .record({
    status: fc.constantFrom(...lpStatuses),
    qaStatus: fc.constantFrom(...qaStatuses),
    // Around today, where the edge is: the day before, the day itself, the day after.
    expiryOffset: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
    qty: fc.integer({ min: 0, max: 1_000_000_000 }).map((micro) => (micro / 1_000_000).toFixed(6)),
  })
  // Only available stock has a quantity (a table constraint).
  .map((p) => ({ ...p, qty: p.status === 'available' ? p.qty : '0.000000' }));

const rollBack = new Error('roll back');

const today = fc.integer({ min: 0, max: 3_000 }).map((days) => addDays('2024-01-01', days));

describe('the usability rule', () => {
  it('gives the same answer in JavaScript and in SQL on random plates', async () => {
    const scope = { orgId: world.admin.orgId, userId: world.admin.userId, databases: server.platform.databases };
    await fc.assert(
      fc.asyncProperty(today, fc.array(plate, { minLength: 1, maxLength: 8 }), async (day, plates) => {
        const rows = plates.map((p) => ({ ...p, id: randomUUID(), number: `LP-P-${randomUUID()}`, expiryDate: p.expiryOffset === null ? null : addDays(day, p.expiryOffset) }));
        // The plates are written and read in one transaction that is then rolled back: a plate
        // without ledger entries would not pass the commit-time check, and none is needed here.
        let usableInSql = new Map<string, boolean>();
        await withTenant(scope, async (tx) => {
          for (const row of rows) {
            await tx.execute(sql`insert into license_plates (id, org_id, number, product_id, lot, expiry_date, qty, uom, status, qa_status, location_id, origin)
              values (${row.id}, ${scope.orgId}, ${row.number}, ${world.products.flour}, 'PROP', ${row.expiryDate}, ${row.qty}, 'kg', ${row.status}, ${row.qaStatus}, ${world.locations.storage}, 'split')`);
          }
          const found = await tx.execute(sql`select lp.id, ${usableLicensePlateSql('lp', day)} as usable from license_plates lp where lp.id in ${sql`(${sql.join(
            rows.map((row) => sql`${row.id}::uuid`),
            sql`, `,
          )})`}`);
          usableInSql = new Map(found.rows.map((row) => [String(row.id), row.usable === true]));
          throw rollBack;
        }).catch((error: unknown) => {
          if (error !== rollBack) throw error;
        });
        for (const row of rows) {
          const usableInJs = usabilityProblems({ number: row.number, status: row.status, qaStatus: row.qaStatus, expiryDate: row.expiryDate }, day).length === 0;
          expect({ plate: row, today: day, usable: usableInSql.get(row.id) }).toEqual({ plate: row, today: day, usable: usableInJs });
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
