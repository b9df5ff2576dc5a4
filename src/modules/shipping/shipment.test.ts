import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, eventsAbout, inventoryFootprint, ledgerMismatches, receivePlate, setupInventory, updateSettings, type InventoryWorld } from '../../../test/factories/inventory.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: InventoryWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

const ship = (licensePlateIds: string[], extra: Record<string, unknown> = {}, api = world.api) =>
  api.post('/api/v1/shipments', { customerId: world.customerId, licensePlateIds, ...extra });

describe('shipments', () => {
  it('ship usable LPs: numbered SH-000001, LPs become shipped with a ship ledger row', async () => {
    const other = await setupInventory(server);
    const a = await receivePlate(other, { qty: 4 });
    const b = await receivePlate(other, { qty: 6.25, productId: other.products.sugar });
    const response = await other.api.post('/api/v1/shipments', { customerId: other.customerId, licensePlateIds: [a.id, b.id], shipDate: '2026-11-30' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ number: 'SH-000001', customerId: other.customerId, shipDate: '2026-11-30' });
    expect(response.body.licensePlates).toEqual([
      { id: a.id, number: a.number, productId: a.productId, lot: a.lot, expiryDate: a.expiryDate, qty: 4, uom: 'kg' },
      { id: b.id, number: b.number, productId: b.productId, lot: b.lot, expiryDate: null, qty: 6.25, uom: 'kg' },
    ]);
    for (const lp of [a, b]) {
      expect((await other.api.get(`/api/v1/license-plates/${lp.id}`)).body).toMatchObject({ status: 'shipped', qty: 0 });
      const [last] = (await other.api.get(`/api/v1/license-plates/${lp.id}/moves`)).body.items;
      expect(last).toMatchObject({ type: 'ship', qtyChange: -lp.qty, qtyAfter: 0, fromLocationId: lp.locationId, reason: 'SH-000001' });
    }
    expect((await other.api.get(`/api/v1/shipments/${response.body.id}`)).body).toEqual(response.body);
    expect(await eventsAbout(server, response.body.id)).toEqual([
      { type: 'shipment.created', payload: { id: response.body.id, number: 'SH-000001', customerId: other.customerId, status: 'shipped' } },
    ]);
    expect((await other.api.get(`/api/v1/shipments?licensePlateId=${b.id}`)).body.items.map((s: any) => s.id)).toEqual([response.body.id]);
    expect((await other.api.get(`/api/v1/shipments?customerId=${other.customerId}`)).body.items).toHaveLength(1);
    expect(await ledgerMismatches(server)).toEqual([]);
  });

  it('default the ship date to today and number on', async () => {
    const response = await ship([(await receivePlate(world)).id]);
    expect(response.body.shipDate).toBe(daysFromToday(0));
  });

  it('are all or nothing: one unusable LP ships none, and the refusal says which LP and why', async () => {
    const good = await receivePlate(world);
    const held = await receivePlate(world);
    await world.api.post(`/api/v1/license-plates/${held.id}/hold`, { reason: 'lab' });
    const before = await inventoryFootprint(server, world.admin.orgId);
    const response = await ship([good.id, held.id]);
    expect(response.status).toBe(409);
    expect(response.body.detail).toContain(held.number);
    expect(response.body.errors).toMatchObject([{ path: 'licensePlateIds.1', message: 'QA status is hold, not released' }]);
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
    expect((await world.api.get(`/api/v1/license-plates/${good.id}`)).body.status).toBe('available');
  });

  it('refuse expired, pending, consumed-or-shipped stock, naming every failed condition', async () => {
    const expired = await receivePlate(world, { expiryDate: daysFromToday(-1) });
    const refusal = await ship([expired.id]);
    expect(refusal.status).toBe(409);
    expect(refusal.body.detail).toContain(`expired on ${daysFromToday(-1)}`);
    // Usable on its expiry date itself.
    expect((await ship([(await receivePlate(world, { expiryDate: daysFromToday(0) })).id])).status).toBe(201);
    const shipped = await receivePlate(world, { expiryDate: daysFromToday(-2) });
    await world.api.post(`/api/v1/license-plates/${shipped.id}/reject`, { reason: 'old' });
    const twice = await ship([shipped.id]);
    expect(twice.body.errors[0].message).toBe(`QA status is rejected, not released; expired on ${daysFromToday(-2)}`);
    const once = await receivePlate(world);
    await ship([once.id]);
    expect((await ship([once.id])).body.errors[0].message).toMatch(/^status is shipped, not available/);
    await updateSettings(world, { receiptQaRequired: true });
    try {
      const pending = await receivePlate(world);
      expect((await ship([pending.id])).body.errors[0].message).toBe('QA status is pending, not released');
    } finally {
      await updateSettings(world, { receiptQaRequired: false });
    }
  });

  it("compare expiry with today in the organization's time zone", async () => {
    // When UTC and the zone disagree on the date, an LP expiring on the UTC date is expired
    // east of it (UTC+14) and still good on the zone's date west of it (UTC-11).
    const utcToday = daysFromToday(0);
    const zoneToday = (zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
    const east = 'Pacific/Kiritimati';
    const west = 'Pacific/Pago_Pago';
    try {
      if (zoneToday(east) > utcToday) {
        await updateSettings(world, { timezone: east });
        const lp = await receivePlate(world, { expiryDate: utcToday });
        expect((await ship([lp.id])).status).toBe(409);
      }
      if (zoneToday(west) < utcToday) {
        await updateSettings(world, { timezone: west });
        const lp = await receivePlate(world, { expiryDate: zoneToday(west) });
        expect((await ship([lp.id])).status).toBe(201);
      }
    } finally {
      await updateSettings(world, { timezone: 'UTC' });
    }
  });

  it('refuse an unknown or foreign customer or LP with 404, duplicates with 400', async () => {
    const lp = await receivePlate(world);
    const stranger = await setupInventory(server);
    const foreign = await receivePlate(stranger);
    const before = await inventoryFootprint(server, world.admin.orgId);
    const customer = await ship([lp.id], { customerId: stranger.customerId });
    expect(customer.status).toBe(404);
    expect(customer.body.errors).toMatchObject([{ path: 'customerId', message: 'no such customer' }]);
    const plate = await ship([lp.id, foreign.id]);
    expect(plate.status).toBe(404);
    expect(plate.body.errors).toMatchObject([{ path: 'licensePlateIds.1', message: 'no such license plate' }]);
    expect((await ship([lp.id, lp.id])).body.errors).toMatchObject([{ path: 'licensePlateIds.1', message: 'is listed twice' }]);
    expect((await ship([])).status).toBe(400);
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
    const mine = (await ship([lp.id])).body;
    expect((await stranger.api.get(`/api/v1/shipments/${mine.id}`)).status).toBe(404);
    expect((await stranger.api.get('/api/v1/shipments')).body.items).toEqual([]);
  });

  it('need shipping write: an operator cannot ship, a warehouse user can', async () => {
    const lp = await receivePlate(world);
    const operator = server.as((await server.userWithRoles(world.admin, ['operator'])).accessToken);
    expect((await ship([lp.id], {}, operator)).status).toBe(403);
    const warehouse = server.as((await server.userWithRoles(world.admin, ['warehouse'])).accessToken);
    expect((await ship([lp.id], {}, warehouse)).status).toBe(201);
  });
});
