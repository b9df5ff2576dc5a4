import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, eventsAbout, inventoryFootprint, ledgerMismatches, receivePlate, receivePlates, setupInventory, type InventoryWorld } from '../../../test/factories/inventory.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: InventoryWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

const lpUrl = (id: string, action?: string) => `/api/v1/license-plates/${id}${action ? `/${action}` : ''}`;

describe('license plates', () => {
  it('are numbered LP00000001 upward per organization and found by number', async () => {
    const other = await setupInventory(server);
    const [first] = await receivePlates(other);
    expect(first.number).toBe('LP00000001');
    const [second] = await receivePlates(other);
    expect(second.number).toBe('LP00000002');
    const found = await other.api.get(`/api/v1/license-plates/by-number/${second.number}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: second.id, number: 'LP00000002', qty: 10, uom: 'kg', status: 'available', qaStatus: 'released' });
    expect((await other.api.get('/api/v1/license-plates/by-number/lp00000002')).body.id).toBe(second.id);
    expect((await other.api.get('/api/v1/license-plates/by-number/LP99999999')).status).toBe(404);
  });

  it("answer 404 for another organization's LP, by id, by number and for every action", async () => {
    const lp = await receivePlate(world);
    const stranger = await setupInventory(server);
    const paths = [lpUrl(lp.id), lpUrl(lp.id, 'moves'), `/api/v1/license-plates/by-number/${lp.number}`];
    for (const path of paths) {
      // The stranger's own LP00000001 may exist, so by-number must not answer ours.
      const response = await stranger.api.get(path);
      if (response.status === 200) expect(response.body.id).not.toBe(lp.id);
      else expect(response.status).toBe(404);
    }
    const before = await inventoryFootprint(server, world.admin.orgId);
    expect((await stranger.api.post(lpUrl(lp.id, 'move'), { toLocationId: stranger.locations.storage })).status).toBe(404);
    expect((await stranger.api.post(lpUrl(lp.id, 'split'), { qty: 1 })).status).toBe(404);
    expect((await stranger.api.post(lpUrl(lp.id, 'adjust'), { qty: 1, reason: 'count' })).status).toBe(404);
    expect((await stranger.api.post(lpUrl(lp.id, 'hold'), { reason: 'x' })).status).toBe(404);
    expect((await stranger.api.post(lpUrl(lp.id, 'release'))).status).toBe(404);
    expect((await stranger.api.post(lpUrl(lp.id, 'reject'))).status).toBe(404);
    const strangerLp = await receivePlate(stranger);
    expect((await stranger.api.post('/api/v1/license-plates/merge', { targetId: strangerLp.id, sourceIds: [lp.id] })).status).toBe(404);
    // Moving our LP to the stranger's location is as impossible as the other way round.
    expect((await world.api.post(lpUrl(lp.id, 'move'), { toLocationId: stranger.locations.storage })).status).toBe(404);
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
  });

  it('list filters by product, lot, status, location and QA status, with cursor pages', async () => {
    const lot = `FILTER-${Date.now()}`;
    const plates = await receivePlates(world, { lot, count: 3, productId: world.products.sugar });
    await world.api.post(lpUrl(plates[0].id, 'move'), { toLocationId: world.locations.storage });
    await world.api.post(lpUrl(plates[1].id, 'hold'), { reason: 'lab sample' });
    const byLot = await world.api.get(`/api/v1/license-plates?lot=${lot}`);
    // Lists run in id order (UUIDv7: creation time), the cursor's order.
    const inIdOrder = plates.map((lp) => lp.id).sort();
    expect(byLot.body.items.map((lp: any) => lp.id)).toEqual(inIdOrder);
    const atStorage = await world.api.get(`/api/v1/license-plates?lot=${lot}&locationId=${world.locations.storage}`);
    expect(atStorage.body.items.map((lp: any) => lp.id)).toEqual([plates[0].id]);
    const held = await world.api.get(`/api/v1/license-plates?lot=${lot}&qaStatus=hold`);
    expect(held.body.items.map((lp: any) => lp.id)).toEqual([plates[1].id]);
    const byProduct = await world.api.get(`/api/v1/license-plates?productId=${world.products.sugar}&status=available&lot=${lot}`);
    expect(byProduct.body.items).toHaveLength(3);
    const page1 = await world.api.get(`/api/v1/license-plates?lot=${lot}&limit=2`);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await world.api.get(`/api/v1/license-plates?lot=${lot}&limit=2&cursor=${page1.body.nextCursor}`);
    expect([...page1.body.items, ...page2.body.items].map((lp: any) => lp.id)).toEqual(inIdOrder);
    expect(page2.body.nextCursor).toBeNull();
    expect((await world.api.get('/api/v1/license-plates?status=lost')).status).toBe(400);
  });

  it('expiringWithinDays lists available LPs expiring between today and today + N', async () => {
    const lot = `EXP-${Date.now()}`;
    const [soon] = await receivePlates(world, { lot, expiryDate: daysFromToday(3) });
    const [today] = await receivePlates(world, { lot, expiryDate: daysFromToday(0) });
    await receivePlates(world, { lot, expiryDate: daysFromToday(30) });
    const [past] = await receivePlates(world, { lot, expiryDate: daysFromToday(-1) });
    const response = await world.api.get(`/api/v1/license-plates?lot=${lot}&expiringWithinDays=7`);
    expect(response.body.items.map((lp: any) => lp.id).sort()).toEqual([soon.id, today.id].sort());
    const expired = await world.api.get(`/api/v1/license-plates?lot=${lot}&expired=true`);
    expect(expired.body.items.map((lp: any) => lp.id)).toEqual([past.id]);
  });
});

describe('move', () => {
  it('changes the location and writes a move row', async () => {
    const lp = await receivePlate(world);
    const moved = await world.api.post(lpUrl(lp.id, 'move'), { toLocationId: world.locations.storage });
    expect(moved.status).toBe(200);
    expect(moved.body.locationId).toBe(world.locations.storage);
    const moves = await world.api.get(lpUrl(lp.id, 'moves'));
    expect(moves.body.items[0]).toMatchObject({
      type: 'move',
      qtyChange: 0,
      qtyAfter: 10,
      fromLocationId: world.locations.receiving,
      toLocationId: world.locations.storage,
      userId: world.admin.userId,
    });
  });

  it('refuses an unknown location (404 naming the field) and the current location (409), writing nothing', async () => {
    const lp = await receivePlate(world);
    const before = await inventoryFootprint(server, world.admin.orgId);
    const unknown = await world.api.post(lpUrl(lp.id, 'move'), { toLocationId: '01900000-0000-7000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors).toMatchObject([{ path: 'toLocationId', message: 'no such location' }]);
    expect((await world.api.post(lpUrl(lp.id, 'move'), { toLocationId: lp.locationId })).status).toBe(409);
    expect((await world.api.post(lpUrl(lp.id, 'move'), { toLocationId: 'nowhere' })).status).toBe(400);
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
  });
});

describe('the ledger of an LP', () => {
  it('pages newest first with a cursor', async () => {
    const lp = await receivePlate(world, { qty: 10 });
    await world.api.post(lpUrl(lp.id, 'move'), { toLocationId: world.locations.storage });
    await world.api.post(lpUrl(lp.id, 'split'), { qty: 1 });
    await world.api.post(lpUrl(lp.id, 'adjust'), { qty: 8, reason: 'count' });
    const first = await world.api.get(`${lpUrl(lp.id, 'moves')}?limit=2`);
    expect(first.body.items.map((m: any) => m.type)).toEqual(['adjust', 'split']);
    const second = await world.api.get(`${lpUrl(lp.id, 'moves')}?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((m: any) => m.type)).toEqual(['move', 'receipt']);
    expect(second.body.nextCursor).toBeNull();
  });
});

describe('split', () => {
  it('makes a new LP of the same product, lot, expiry and QA status and leaves the rest', async () => {
    const lp = await receivePlate(world, { qty: 10, expiryDate: daysFromToday(5) });
    await world.api.post(lpUrl(lp.id, 'hold'), { reason: 'check' });
    const split = await world.api.post(lpUrl(lp.id, 'split'), { qty: 4 });
    expect(split.status).toBe(201);
    const child = split.body.licensePlate;
    expect(child).toMatchObject({ productId: lp.productId, lot: lp.lot, expiryDate: lp.expiryDate, qaStatus: 'hold', qty: 4, locationId: lp.locationId, status: 'available' });
    expect(child.number).not.toBe(lp.number);
    expect((await world.api.get(lpUrl(lp.id))).body.qty).toBe(6);
    const sourceMoves = (await world.api.get(lpUrl(lp.id, 'moves'))).body.items;
    expect(sourceMoves[0]).toMatchObject({ type: 'split', qtyChange: -4, qtyAfter: 6, relatedLicensePlateId: child.id });
    expect((await eventsAbout(server, child.id)).map((event) => event.type)).toEqual(['license_plate.created']);
    const childMoves = (await world.api.get(lpUrl(child.id, 'moves'))).body.items;
    expect(childMoves).toEqual([expect.objectContaining({ type: 'split', qtyChange: 4, qtyAfter: 4, relatedLicensePlateId: lp.id })]);
  });

  it('keeps exact decimals: nine splits of 0.1 from 1 leave exactly 0.1', async () => {
    const lp = await receivePlate(world, { qty: 1 });
    for (let i = 0; i < 9; i++) expect((await world.api.post(lpUrl(lp.id, 'split'), { qty: 0.1 })).status).toBe(201);
    expect((await world.api.get(lpUrl(lp.id))).body.qty).toBe(0.1);
    // The tenth would empty it: a split must leave something behind.
    expect((await world.api.post(lpUrl(lp.id, 'split'), { qty: 0.1 })).status).toBe(409);
    expect(await ledgerMismatches(server)).toEqual([]);
  });

  it('done twice with the same Idempotency-Key (a scanner retrying) splits once', async () => {
    const lp = await receivePlate(world, { qty: 5 });
    const headers = { 'idempotency-key': `split-${lp.id}` };
    const first = await world.api.post(lpUrl(lp.id, 'split'), { qty: 2 }, headers);
    const retry = await world.api.post(lpUrl(lp.id, 'split'), { qty: 2 }, headers);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect((await world.api.get(lpUrl(lp.id))).body.qty).toBe(3);
  });

  it('refuses the whole quantity or more, and more than 6 decimals, leaving no trace', async () => {
    const lp = await receivePlate(world, { qty: 5 });
    const before = await inventoryFootprint(server, world.admin.orgId);
    const whole = await world.api.post(lpUrl(lp.id, 'split'), { qty: 5 });
    expect(whole.status).toBe(409);
    expect(whole.body.errors).toMatchObject([{ path: 'qty', message: 'must be less than 5' }]);
    expect((await world.api.post(lpUrl(lp.id, 'split'), { qty: 6 })).status).toBe(409);
    expect((await world.api.post(lpUrl(lp.id, 'split'), { qty: 0.0000001 })).status).toBe(400);
    expect((await world.api.post(lpUrl(lp.id, 'split'), { qty: -1 })).status).toBe(400);
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
  });
});

describe('merge', () => {
  it('moves the sources into the target; sources become merged with qty 0', async () => {
    const lot = `M-${Date.now()}`;
    const [target, a, b] = await receivePlates(world, { lot, qty: 2.5, count: 3, expiryDate: daysFromToday(9) });
    const merged = await world.api.post('/api/v1/license-plates/merge', { targetId: target.id, sourceIds: [a.id, b.id] });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: target.id, qty: 7.5, status: 'available' });
    for (const source of [a, b]) {
      expect((await world.api.get(lpUrl(source.id))).body).toMatchObject({ status: 'merged', qty: 0 });
      expect((await world.api.get(lpUrl(source.id, 'moves'))).body.items[0]).toMatchObject({ type: 'merge', qtyChange: -2.5, qtyAfter: 0, relatedLicensePlateId: target.id });
    }
    const targetMoves = (await world.api.get(lpUrl(target.id, 'moves'))).body.items;
    expect(targetMoves.map((m: any) => [m.type, m.qtyChange, m.qtyAfter])).toEqual([
      ['merge', 2.5, 7.5],
      ['merge', 2.5, 5],
      ['receipt', 2.5, 2.5],
    ]);
    expect(await ledgerMismatches(server)).toEqual([]);
  });

  it('refuses different lots, a merged source, the target as source, naming the field and writing nothing', async () => {
    const [target, sameLot] = await receivePlates(world, { count: 2, lot: `X-${Date.now()}` });
    const otherLot = await receivePlate(world, { lot: `Y-${Date.now()}` });
    const before = await inventoryFootprint(server, world.admin.orgId);
    const different = await world.api.post('/api/v1/license-plates/merge', { targetId: target.id, sourceIds: [sameLot.id, otherLot.id] });
    expect(different.status).toBe(409);
    expect(different.body.errors).toMatchObject([{ path: 'sourceIds.1', message: 'differs from the target in lot' }]);
    const self = await world.api.post('/api/v1/license-plates/merge', { targetId: target.id, sourceIds: [target.id] });
    expect(self.status).toBe(400);
    expect(self.body.errors[0].path).toBe('sourceIds.0');
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
    expect((await world.api.post('/api/v1/license-plates/merge', { targetId: target.id, sourceIds: [sameLot.id] })).status).toBe(200);
    const again = await world.api.post('/api/v1/license-plates/merge', { targetId: target.id, sourceIds: [sameLot.id] });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].path).toBe('sourceIds.0');
  });

  it('records split and merge lineage for trace', async () => {
    const lot = `G-${Date.now()}`;
    const [a, b] = await receivePlates(world, { lot, count: 2, qty: 3 });
    const child = (await world.api.post(lpUrl(a.id, 'split'), { qty: 1 })).body.licensePlate;
    await world.api.post('/api/v1/license-plates/merge', { targetId: b.id, sourceIds: [child.id] });
    const links = await server.database.db.withSession((s) =>
      s.query(`select from_lp_id, to_lp_id, type, qty::text from lp_links where from_lp_id in ($1, $2) order by created_at, type desc`, [a.id, child.id]),
    );
    expect(links).toEqual([
      { from_lp_id: a.id, to_lp_id: child.id, type: 'split', qty: '1.000000' },
      { from_lp_id: child.id, to_lp_id: b.id, type: 'merge', qty: '1.000000' },
    ]);
  });
});

describe('adjust', () => {
  it('sets the counted quantity and books the difference, also down to 0', async () => {
    const lp = await receivePlate(world, { qty: 10 });
    const up = await world.api.post(lpUrl(lp.id, 'adjust'), { qty: 12.345, reason: 'stocktake' });
    expect(up.body.qty).toBe(12.345);
    const down = await world.api.post(lpUrl(lp.id, 'adjust'), { qty: 0, reason: 'damaged' });
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ qty: 0, status: 'available' });
    const moves = (await world.api.get(lpUrl(lp.id, 'moves'))).body.items;
    expect(moves.slice(0, 2).map((m: any) => [m.type, m.qtyChange, m.qtyAfter, m.reason])).toEqual([
      ['adjust', -12.345, 0, 'damaged'],
      ['adjust', 2.345, 12.345, 'stocktake'],
    ]);
  });

  it('needs a reason and a quantity of 0 or more', async () => {
    const lp = await receivePlate(world);
    const noReason = await world.api.post(lpUrl(lp.id, 'adjust'), { qty: 3 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('reason');
    expect((await world.api.post(lpUrl(lp.id, 'adjust'), { qty: -1, reason: 'x' })).status).toBe(400);
  });
});

describe('permissions', () => {
  it('warehouse write moves, splits, merges and adjusts; quality alone cannot, and nothing changes', async () => {
    const lp = await receivePlate(world);
    const quality = server.as((await server.userWithRoles(world.admin, ['quality'])).accessToken);
    const before = await inventoryFootprint(server, world.admin.orgId);
    expect((await quality.post(lpUrl(lp.id, 'move'), { toLocationId: world.locations.storage })).status).toBe(403);
    expect((await quality.post(lpUrl(lp.id, 'split'), { qty: 1 })).status).toBe(403);
    expect((await quality.post(lpUrl(lp.id, 'adjust'), { qty: 1, reason: 'x' })).status).toBe(403);
    expect((await quality.post('/api/v1/license-plates/merge', { targetId: lp.id, sourceIds: ['01900000-0000-7000-8000-000000000001'] })).status).toBe(403);
    expect((await quality.post('/api/v1/receipts', { locationId: world.locations.receiving, lines: [{ productId: world.products.flour, qty: 1, lot: 'L' }] })).status).toBe(403);
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
    expect((await quality.get(lpUrl(lp.id))).status).toBe(200);
    const warehouse = server.as((await server.userWithRoles(world.admin, ['warehouse'])).accessToken);
    expect((await warehouse.post(lpUrl(lp.id, 'split'), { qty: 1 })).status).toBe(201);
    expect((await warehouse.post(lpUrl(lp.id, 'hold'), { reason: 'x' })).status).toBe(403);
  });
});
