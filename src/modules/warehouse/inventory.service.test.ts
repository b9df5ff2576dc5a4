import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminContext, daysFromToday, inventoryFootprint, ledgerMismatches, receivePlate, sqlAsOwner, updateSettings } from '../../../test/factories/inventory.js';
import { createWorkOrder, setupProduction, type ProductionWorld } from '../../../test/factories/production.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { systemRoles } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { consumeFromLicensePlate, createOutputLicensePlate, getLicensePlate, recordProductionLinks, returnToLicensePlate, type DrawingWorkOrder } from './index.js';

// The warehouse services production calls (no HTTP routes of their own here).

let server: TestServer;
let world: ProductionWorld;
let ctx: RequestContext;
let workOrderId: string;
/** What production hands the warehouse about the drawing order: flour and sugar are its materials, no outputs yet. */
let order: DrawingWorkOrder;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
  ctx = adminContext(server, world.admin);
  const created = await createWorkOrder(world);
  workOrderId = created.id;
  order = { id: created.id, number: created.number, materialProductIds: [world.products.flour, world.products.sugar], outputLicensePlateIds: [] };
});
afterAll(() => server.stop());

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: { status: number; message: string; fields?: unknown }) => error);

describe('consumeFromLicensePlate', () => {
  it('draws exactly, books a consume row with the work order, and marks the LP consumed at 0', async () => {
    const lp = await receivePlate(world, { qty: 1 });
    for (let i = 0; i < 9; i++) await consumeFromLicensePlate(ctx, { licensePlateId: lp.id, qty: 0.1, workOrder: order });
    expect(await getLicensePlate(ctx, lp.id)).toMatchObject({ qty: 0.1, status: 'available' });
    expect(await consumeFromLicensePlate(ctx, { licensePlateId: lp.id, qty: 0.1, workOrder: order })).toMatchObject({ qty: 0, status: 'consumed' });
    const [last] = (await world.api.get(`/api/v1/license-plates/${lp.id}/moves`)).body.items;
    expect(last).toMatchObject({ type: 'consume', qtyChange: -0.1, qtyAfter: 0, workOrderId, fromLocationId: lp.locationId });
  });

  it('refuses unusable stock saying why, and more than the LP holds, leaving no trace', async () => {
    const held = await receivePlate(world, { qty: 2 });
    await world.api.post(`/api/v1/license-plates/${held.id}/hold`, { reason: 'x' });
    const expired = await receivePlate(world, { qty: 2, expiryDate: daysFromToday(-3) });
    const small = await receivePlate(world, { qty: 2 });
    const before = await inventoryFootprint(server, world.admin.orgId);
    expect(await refusal(consumeFromLicensePlate(ctx, { licensePlateId: held.id, qty: 1, workOrder: order }))).toMatchObject({ status: 409, message: expect.stringContaining('QA status is hold') });
    expect(await refusal(consumeFromLicensePlate(ctx, { licensePlateId: expired.id, qty: 1, workOrder: order }))).toMatchObject({ status: 409, message: expect.stringContaining('expired on') });
    expect(await refusal(consumeFromLicensePlate(ctx, { licensePlateId: small.id, qty: 2.000001, workOrder: order }))).toMatchObject({ status: 409, fields: [{ path: 'qty', message: 'must be at most 2' }] });
    expect(await refusal(consumeFromLicensePlate(ctx, { licensePlateId: small.id, qty: 0, workOrder: order }))).toMatchObject({ status: 400 });
    expect(await refusal(consumeFromLicensePlate(ctx, { licensePlateId: '01900000-0000-7000-8000-0000000000aa', qty: 1, workOrder: order }))).toMatchObject({ status: 404 });
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
  });

  it("refuses a plate whose product is not among the order's materials, naming licensePlateId, drawing nothing", async () => {
    const lp = await receivePlate(world, { qty: 2 });
    const before = await inventoryFootprint(server, world.admin.orgId);
    const sugarOnly = { ...order, materialProductIds: [world.products.sugar] };
    expect(await refusal(consumeFromLicensePlate(ctx, { licensePlateId: lp.id, qty: 1, workOrder: sugarOnly }))).toMatchObject({
      status: 409,
      message: expect.stringContaining(`not among the materials of ${order.number}`),
      fields: [{ path: 'licensePlateId', message: expect.any(String) }],
    });
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
  });

  it("links the drawn plate to each of the order's outputs it does not feed yet, never twice", async () => {
    const lp = await receivePlate(world, { qty: 5 });
    const made = async () => (await createOutputLicensePlate(ctx, { workOrderId, productId: world.products.sugar, qty: 1, locationId: world.locations.storage, lot: 'L' })).id;
    const [first, second] = [await made(), await made()];
    const links = () => sqlAsOwner(server, 'select to_lp_id as "to", trim_scale(qty)::text as qty from lp_links where from_lp_id = $1 order by to_lp_id', [lp.id]);
    await consumeFromLicensePlate(ctx, { licensePlateId: lp.id, qty: 1.5, workOrder: { ...order, outputLicensePlateIds: [first] } });
    expect(await links()).toEqual([{ to: first, qty: '1.5' }]);
    const drawn = await consumeFromLicensePlate(ctx, { licensePlateId: lp.id, qty: 2, workOrder: { ...order, outputLicensePlateIds: [first, second] } });
    expect(drawn).toMatchObject({ id: lp.id, qty: 1.5, status: 'available' });
    expect(await links()).toEqual([{ to: first, qty: '1.5' }, { to: second, qty: '2' }].sort((a, b) => (a.to < b.to ? -1 : 1)));
  });

  it('needs production write', async () => {
    const lp = await receivePlate(world);
    const warehouseOnly: RequestContext = { ...ctx, permissions: systemRoles.warehouse! };
    expect(await refusal(consumeFromLicensePlate(warehouseOnly, { licensePlateId: lp.id, qty: 1, workOrder: order }))).toMatchObject({ status: 403 });
  });
});

describe('returnToLicensePlate', () => {
  it('gives quantity back with a reverse row; a consumed LP becomes available again', async () => {
    const lp = await receivePlate(world, { qty: 3 });
    await consumeFromLicensePlate(ctx, { licensePlateId: lp.id, qty: 3, workOrder: order });
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
