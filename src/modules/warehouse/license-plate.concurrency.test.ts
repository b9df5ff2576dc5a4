import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminContext, ledgerMismatches, receivePlate, sqlAsOwner } from '../../../test/factories/inventory.js';
import { createWorkOrder, setupProduction, type ProductionWorld } from '../../../test/factories/production.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { consumeFromLicensePlate } from './index.js';

// Many scanners act on one LP at once. This needs a real server with real connections:
// PGlite runs one statement at a time, so it cannot show a race.
const postgres = process.env.DATABASE_URL;

describe.skipIf(!postgres)('concurrent draws on one LP (PostgreSQL only; skipped because DATABASE_URL is unset)', () => {
  let server: TestServer;
  let world: ProductionWorld;
  let baseUrl: string;
  beforeAll(async () => {
    server = await startTestServer();
    world = await setupProduction(server);
    baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server?.stop());

  it('25 simultaneous HTTP splits never take more than the LP holds; each answers 201 or 409', async () => {
    const lp = await receivePlate(world, { qty: 10 });
    const split = () =>
      fetch(`${baseUrl}/api/v1/license-plates/${lp.id}/split`, {
        method: 'POST',
        headers: { authorization: `Bearer ${world.admin.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ qty: 0.7 }),
      });
    const responses = await Promise.all(Array.from({ length: 25 }, split));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status !== 201 && status !== 409)).toEqual([]);
    // 14 × 0.7 = 9.8 leaves 0.2; a 15th would need 10.5.
    expect(statuses.filter((status) => status === 201)).toHaveLength(14);
    const [totals] = await sqlAsOwner(
      server,
      `select (select qty::text from license_plates where id = $1) as remainder,
              (select sum(child.qty)::text from lp_links l join license_plates child on child.id = l.to_lp_id where l.from_lp_id = $1) as split_off,
              (select (select qty from license_plates where id = $1) + sum(child.qty) from lp_links l join license_plates child on child.id = l.to_lp_id where l.from_lp_id = $1)::text as total`,
      [lp.id],
    );
    expect(totals).toEqual({ remainder: '0.200000', split_off: '9.800000', total: '10.000000' });
    const numbers = await Promise.all(responses.filter((r) => r.status === 201).map(async (r) => ((await r.json()) as any).licensePlate.number));
    expect(new Set(numbers).size).toBe(14);
    expect(await ledgerMismatches(server)).toEqual([]);
  });

  it('25 simultaneous consumptions drain the LP to exactly 0 and no further', async () => {
    const lp = await receivePlate(world, { qty: 10 });
    const ctx = adminContext(server, world.admin);
    // The ledger names the drawing work order, which must exist in the organization.
    const created = await createWorkOrder(world);
    const workOrder = { id: created.id as string, number: created.number as string, materialProductIds: [lp.productId as string], outputLicensePlateIds: [] };
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => consumeFromLicensePlate(ctx, { licensePlateId: lp.id, qty: 0.5, workOrder })));
    const refusals = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(20);
    // Refused because the LP ran dry, or (once at 0) because it is consumed: a 409 either way.
    expect(refusals.map((result) => (result.reason as { status?: number }).status)).toEqual(Array(5).fill(409));
    const read = (await world.api.get(`/api/v1/license-plates/${lp.id}`)).body;
    expect(read).toMatchObject({ qty: 0, status: 'consumed' });
    const [row] = await sqlAsOwner(server, `select count(*)::int as n, sum(qty_change)::text as total from stock_moves where license_plate_id = $1 and type = 'consume'`, [lp.id]);
    expect(row).toEqual({ n: 20, total: '-10.000000' });
  });
});
