import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches, receivePlate, receivePlates, setupInventory, sqlAsOwner, type InventoryWorld } from '../../../test/factories/inventory.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: InventoryWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

/** Runs statements in one transaction as the app role inside the organization; answers the database's refusal, if any. */
async function asAppRole(orgId: string, statements: string[]): Promise<string | null> {
  return server.database.db.withSession(async (session) => {
    try {
      await session.exec('begin');
      await session.query(`select set_config('role', 'monopilot_app', true), set_config('app.org_id', $1, true)`, [orgId]);
      for (const statement of statements) await session.exec(statement);
      await session.exec('commit');
      return null;
    } catch (error) {
      await session.exec('rollback').catch(() => undefined);
      return (error as Error).message;
    }
  });
}

describe('the stock ledger', () => {
  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE by the app role', async () => {
    const lp = await receivePlate(world);
    const org = world.admin.orgId;
    expect(await asAppRole(org, [`update stock_moves set qty_change = 999 where license_plate_id = '${lp.id}'`])).toMatch(/permission denied/);
    expect(await asAppRole(org, [`delete from stock_moves where license_plate_id = '${lp.id}'`])).toMatch(/permission denied/);
    expect(await asAppRole(org, ['truncate stock_moves'])).toMatch(/permission denied/);
    expect(await asAppRole(org, [`delete from lp_links`])).toMatch(/permission denied/);
    const [row] = await sqlAsOwner(server, 'select count(*)::int as n, sum(qty_change)::text as total from stock_moves where license_plate_id = $1', [lp.id]);
    expect(row).toEqual({ n: 1, total: '10.000000' });
  });

  it('refuses a row that does not continue the LP ledger, and an LP qty change without a ledger row', async () => {
    const lp = await receivePlate(world);
    const org = world.admin.orgId;
    const breaksChain = `insert into stock_moves (org_id, license_plate_id, type, qty_change, qty_after) values ('${org}', '${lp.id}', 'adjust', -1, 5)`;
    expect(await asAppRole(org, [`update license_plates set qty = 5 where id = '${lp.id}'`, breaksChain])).toMatch(/breaks its ledger/);
    expect(await asAppRole(org, [`update license_plates set qty = 9 where id = '${lp.id}'`])).toMatch(/ledger says 10/);
    const orphanRow = `insert into stock_moves (org_id, license_plate_id, type, qty_change, qty_after) values ('${org}', '${lp.id}', 'adjust', -1, 9)`;
    expect(await asAppRole(org, [orphanRow])).toMatch(/has qty 10.000000 but its ledger says 9/);
    // Both together are a valid adjustment.
    expect(await asAppRole(org, [`update license_plates set qty = 9 where id = '${lp.id}'`, orphanRow])).toBeNull();
    expect((await world.api.get(`/api/v1/license-plates/${lp.id}`)).body.qty).toBe(9);
  });

  it('never lets an LP go below 0 (a database check)', async () => {
    const lp = await receivePlate(world);
    const org = world.admin.orgId;
    const negative = `insert into stock_moves (org_id, license_plate_id, type, qty_change, qty_after) values ('${org}', '${lp.id}', 'adjust', -11, -1)`;
    expect(await asAppRole(org, [`update license_plates set qty = -1 where id = '${lp.id}'`, negative])).toMatch(/check constraint/);
  });

  it('keeps every LP qty equal to the sum of its ledger rows, and to a model, through random operations', async () => {
    const rounds = server.database.url ? 30 : 20;
    const qty = fc.integer({ min: 0, max: 20_000 });
    const op = fc.oneof(
      fc.record({ kind: fc.constant('split' as const), lp: fc.nat(), qty: fc.integer({ min: 1, max: 20_000 }) }),
      fc.record({ kind: fc.constant('adjust' as const), lp: fc.nat(), qty }),
      fc.record({ kind: fc.constant('merge' as const), lp: fc.nat(), other: fc.nat() }),
      fc.record({ kind: fc.constant('hold' as const), lp: fc.nat() }),
      fc.record({ kind: fc.constant('release' as const), lp: fc.nat() }),
      fc.record({ kind: fc.constant('move' as const), lp: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 20 }), async (ops) => {
        // Quantities in thousandths, so the model is exact integer arithmetic.
        const plates = await receivePlates(world, { qty: 7.5, count: 2, lot: `RND-${Math.random()}` });
        const model = plates.map((lp) => ({ id: lp.id, milli: 7500, status: 'available', qa: 'released', location: lp.locationId }));
        for (const step of ops) {
          const lp = model[step.lp % model.length]!;
          const url = `/api/v1/license-plates/${lp.id}`;
          if (step.kind === 'split') {
            const response = await world.api.post(`${url}/split`, { qty: step.qty / 1000 });
            const allowed = lp.status === 'available' && lp.milli > step.qty;
            expect(response.status).toBe(allowed ? 201 : 409);
            if (allowed) {
              lp.milli -= step.qty;
              model.push({ id: response.body.licensePlate.id, milli: step.qty, status: 'available', qa: lp.qa, location: lp.location });
            }
          } else if (step.kind === 'adjust') {
            const response = await world.api.post(`${url}/adjust`, { qty: step.qty / 1000, reason: 'count' });
            expect(response.status).toBe(lp.status === 'available' ? 200 : 409);
            if (lp.status === 'available') lp.milli = step.qty;
          } else if (step.kind === 'merge') {
            const source = model[step.other % model.length]!;
            const response = await world.api.post('/api/v1/license-plates/merge', { targetId: lp.id, sourceIds: [source.id] });
            const allowed = source !== lp && lp.status === 'available' && source.status === 'available' && source.qa === lp.qa;
            expect(response.status).toBe(source === lp ? 400 : allowed ? 200 : 409);
            if (allowed) {
              lp.milli += source.milli;
              Object.assign(source, { milli: 0, status: 'merged' });
            }
          } else if (step.kind === 'hold' || step.kind === 'release') {
            const response = await world.api.post(`${url}/${step.kind}`, step.kind === 'hold' ? { reason: 'check' } : undefined);
            const allowed = lp.status === 'available' && (step.kind === 'hold' ? lp.qa === 'released' : lp.qa === 'hold');
            expect(response.status).toBe(allowed ? 200 : 409);
            if (allowed) lp.qa = step.kind === 'hold' ? 'hold' : 'released';
          } else {
            const to = lp.location === world.locations.storage ? world.locations.receiving : world.locations.storage;
            const response = await world.api.post(`${url}/move`, { toLocationId: to });
            expect(response.status).toBe(lp.status === 'available' ? 200 : 409);
            if (lp.status === 'available') lp.location = to;
          }
        }
        for (const lp of model) {
          const read = (await world.api.get(`/api/v1/license-plates/${lp.id}`)).body;
          expect({ qty: Math.round(read.qty * 1000), status: read.status, qaStatus: read.qaStatus, locationId: read.locationId }).toEqual({
            qty: lp.milli,
            status: lp.status,
            qaStatus: lp.qa,
            locationId: lp.location,
          });
        }
        expect(await ledgerMismatches(server)).toEqual([]);
      }),
      { numRuns: rounds },
    );
  }, 120_000);
});
