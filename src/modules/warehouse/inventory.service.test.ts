import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminContext, daysFromToday, inventoryFootprint, ledgerMismatches, receivePlate, sqlAsOwner, updateSettings } from '../../../test/factories/inventory.js';
import { createWorkOrder, setupProduction, type ProductionWorld } from '../../../test/factories/production.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { systemRoles } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { consumeFromLicensePlate, createOutputLicensePlate, getLicensePlate, recordProductionLinks, returnToLicensePlate } from './index.js';

// The warehouse services production calls (no HTTP routes of their own here).

let server: TestServer;
let world: ProductionWorld;
let ctx: RequestContext;
let workOrderId: string;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
  ctx = adminContext(server, world.admin);
  workOrderId = (await createWorkOrder(world)).id;
});
afterAll(() => server.stop());

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: { status: number; message: string; fields?: unknown }) => error);

describe('consumeFromLicensePlate', () => {
  it('draws exactly, books a consume row with the work order, and marks the LP consumed at 0', async () => {
    const lp = await receivePlate(world, { qty: 1 });
    for (let i = 0; i < 9; i++) await consumeFromLicensePlate(ctx, { licensePlateId: lp.id, qty: 0.1, workOrderId });
    expect(await getLicensePlate(ctx, lp.id)).toMatchObject({ qty: 0.1, status: 'available' });
    expect(await consumeFromLicensePlate(ctx, { licensePlateId: lp.id, qty: 0.1, workOrderId })).toMatchObject({ qty: 0, status: 'consumed' });
    const [last] = (await world.api.get(`/api/v1/license-plates/${lp.id}/moves`)).body.items;
    expect(last).toMatchObject({ type: 'consume', qtyChange: -0.1, qtyAfter: 0, workOrderId, fromLocationId: lp.locationId });
  });

  it('refuses unusable stock saying why, and more than the LP holds, leaving no trace', async () => {
    const held = await receivePlate(world, { qty: 2 });
    await world.api.post(`/api/v1/license-plates/${held.id}/hold`, { reason: 'x' });
    const expired = await receivePlate(world, { qty: 2, expiryDate: daysFromToday(-3) });
    const small = await receivePlate(world, { qty: 2 });
    const before = await inventoryFootprint(server, world.admin.orgId);
    expect(await refusal(consumeFromLicensePlate(ctx, { licensePlateId: held.id, qty: 1, workOrderId }))).toMatchObject({ status: 409, message: expect.stringContaining('QA status is hold') });
    expect(await refusal(consumeFromLicensePlate(ctx, { licensePlateId: expired.id, qty: 1, workOrderId }))).toMatchObject({ status: 409, message: expect.stringContaining('expired on') });
    expect(await refusal(consumeFromLicensePlate(ctx, { licensePlateId: small.id, qty: 2.000001, workOrderId }))).toMatchObject({ status: 409, fields: [{ path: 'qty', message: 'must be at most 2' }] });
    expect(await refusal(consumeFromLicensePlate(ctx, { licensePlateId: small.id, qty: 0, workOrderId }))).toMatchObject({ status: 400 });
    expect(await refusal(consumeFromLicensePlate(ctx, { licensePlateId: '01900000-0000-7000-8000-0000000000aa', qty: 1, workOrderId }))).toMatchObject({ status: 404 });
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
  });

  it('needs production write', async () => {
    const lp = await receivePlate(world);
    const warehouseOnly: RequestContext = { ...ctx, permissions: systemRoles.warehouse! };
    expect(await refusal(consumeFromLicensePlate(warehouseOnly, { licensePlateId: lp.id, qty: 1, workOrderId }))).toMatchObject({ status: 403 });
  });
});

describe('returnToLicensePlate', () => {
  it('gives quantity back with a reverse row; a consumed LP becomes available again', async () => {
    const lp = await receivePlate(world, { qty: 3 });
    await consumeFromLicensePlate(ctx, { licensePlateId: lp.id, qty: 3, workOrderId });
    expect(await returnToLicensePlate(ctx, { licensePlateId: lp.id, qty: 1.5, workOrderId, reason: 'reversed' })).toMatchObject({ qty: 1.5, status: 'available' });
    const [last] = (await world.api.get(`/api/v1/license-plates/${lp.id}/moves`)).body.items;
    expect(last).toMatchObject({ type: 'reverse', qtyChange: 1.5, qtyAfter: 1.5, workOrderId, reason: 'reversed' });
    expect(await ledgerMismatches(server)).toEqual([]);
  });
});

describe('createOutputLicensePlate', () => {
  it('makes a released LP of the product with expiry from shelf life and an output row', async () => {
    const lp = await createOutputLicensePlate(ctx, { workOrderId, productId: world.products.flour, qty: 12.5, locationId: world.locations.storage, lot: 'WO-000001' });
    expect(lp).toMatchObject({ productId: world.products.flour, qty: 12.5, uom: 'kg', lot: 'WO-000001', qaStatus: 'released', status: 'available', expiryDate: daysFromToday(10) });
    expect(lp.number).toMatch(/^LP\d{8}$/);
    const moves = (await world.api.get(`/api/v1/license-plates/${lp.id}/moves`)).body.items;
    expect(moves).toEqual([expect.objectContaining({ type: 'output', qtyChange: 12.5, qtyAfter: 12.5, workOrderId, toLocationId: world.locations.storage })]);
    const [row] = await sqlAsOwner(server, 'select origin, work_order_id from license_plates where id = $1', [lp.id]);
    expect(row).toEqual({ origin: 'output', work_order_id: workOrderId });
  });

  it('starts pending when output QA is required, and takes an explicit expiry', async () => {
    await updateSettings(world, { outputQaRequired: true });
    try {
      const lp = await createOutputLicensePlate(ctx, { workOrderId, productId: world.products.sugar, qty: 1, locationId: world.locations.storage, lot: 'L', expiryDate: '2031-05-05' });
      expect(lp).toMatchObject({ qaStatus: 'pending', expiryDate: '2031-05-05' });
    } finally {
      await updateSettings(world, { outputQaRequired: false });
    }
  });

  it('records production links for genealogy', async () => {
    const input = await receivePlate(world);
    const output = await createOutputLicensePlate(ctx, { workOrderId, productId: world.products.sugar, qty: 1, locationId: world.locations.storage, lot: 'L' });
    await recordProductionLinks(ctx, { workOrderId, links: [{ fromLicensePlateId: input.id, toLicensePlateId: output.id, qty: 4 }] });
    const links = await sqlAsOwner(server, 'select type, qty::text, work_order_id from lp_links where to_lp_id = $1', [output.id]);
    expect(links).toEqual([{ type: 'production', qty: '4.000000', work_order_id: workOrderId }]);
  });
});
