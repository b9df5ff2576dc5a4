import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedPurchaseOrder,
  createProduct,
  daysFromToday,
  eventsAbout,
  inventoryFootprint,
  ledgerMismatches,
  setupInventory,
  sqlAsOwner,
  updateSettings,
  type InventoryWorld,
} from '../../../test/factories/inventory.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: InventoryWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

const receive = (body: Record<string, unknown>, api = world.api) => api.post('/api/v1/receipts', { locationId: world.locations.receiving, ...body });

describe('receipts', () => {
  it('put one LP per line at the location, numbered GRN-000001, each with a receipt ledger row', async () => {
    const other = await setupInventory(server);
    const response = await other.api.post('/api/v1/receipts', {
      locationId: other.locations.receiving,
      supplierId: other.supplierId,
      lines: [
        { productId: other.products.flour, qty: 25, lot: 'F-1', expiryDate: '2027-01-31' },
        { productId: other.products.sugar, qty: 0.5, lot: 'S-1' },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ number: 'GRN-000001', supplierId: other.supplierId, purchaseOrderId: null, locationId: other.locations.receiving });
    expect(response.body.licensePlates).toEqual([
      expect.objectContaining({ number: 'LP00000001', productId: other.products.flour, lot: 'F-1', expiryDate: '2027-01-31', qty: 25, uom: 'kg', status: 'available', qaStatus: 'released', locationId: other.locations.receiving }),
      expect.objectContaining({ number: 'LP00000002', productId: other.products.sugar, lot: 'S-1', expiryDate: null, qty: 0.5 }),
    ]);
    const moves = await other.api.get(`/api/v1/license-plates/${response.body.licensePlates[0].id}/moves`);
    expect(moves.body.items).toEqual([
      {
        id: expect.any(String),
        type: 'receipt',
        qtyChange: 25,
        qtyAfter: 25,
        fromLocationId: null,
        toLocationId: other.locations.receiving,
        relatedLicensePlateId: null,
        workOrderId: null,
        reason: 'GRN-000001',
        userId: other.admin.userId,
        createdAt: expect.any(String),
      },
    ]);
    expect((await other.api.get(`/api/v1/receipts/${response.body.id}`)).body).toEqual(response.body);
    expect(await eventsAbout(server, response.body.id)).toEqual([{ type: 'receipt.created', payload: { id: response.body.id, number: 'GRN-000001', purchaseOrderId: null } }]);
    const [flourPlate] = response.body.licensePlates;
    expect(await eventsAbout(server, flourPlate.id)).toEqual([
      { type: 'license_plate.created', payload: { id: flourPlate.id, number: 'LP00000001', productId: other.products.flour, qty: 25, status: 'available', qaStatus: 'released' } },
    ]);
    expect((await other.api.post('/api/v1/receipts', { locationId: other.locations.receiving, lines: [{ productId: other.products.flour, qty: 1, lot: 'x' }] })).body.number).toBe('GRN-000002');
  });

  it('make `count` plates of `qty` each', async () => {
    const response = await receive({ lines: [{ productId: world.products.flour, qty: 12.5, lot: 'C-1', count: 4 }] });
    expect(response.body.licensePlates).toHaveLength(4);
    expect(response.body.licensePlates.map((lp: any) => lp.qty)).toEqual([12.5, 12.5, 12.5, 12.5]);
    expect(new Set(response.body.licensePlates.map((lp: any) => lp.number)).size).toBe(4);
    expect(response.body.lines[0]).toMatchObject({ qty: 12.5, count: 4, lot: 'C-1' });
  });

  it("default expiry to today in the organization's time zone plus the product's shelf life", async () => {
    const response = await receive({ lines: [{ productId: world.products.flour, qty: 1, lot: 'E-1' }] });
    expect(response.body.licensePlates[0].expiryDate).toBe(daysFromToday(10));
    // Far east of UTC the calendar day may already be tomorrow.
    await updateSettings(world, { timezone: 'Pacific/Kiritimati' });
    try {
      const east = await receive({ lines: [{ productId: world.products.flour, qty: 1, lot: 'E-2' }] });
      const eastToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati' }).format(new Date());
      const expected = new Date(`${eastToday}T00:00:00Z`);
      expected.setUTCDate(expected.getUTCDate() + 10);
      expect(east.body.licensePlates[0].expiryDate).toBe(expected.toISOString().slice(0, 10));
    } finally {
      await updateSettings(world, { timezone: 'UTC' });
    }
  });

  it('start LPs pending when the organization requires receipt QA', async () => {
    await updateSettings(world, { receiptQaRequired: true });
    try {
      const response = await receive({ lines: [{ productId: world.products.flour, qty: 1, lot: 'QA-1', count: 2 }] });
      expect(response.body.licensePlates.map((lp: any) => lp.qaStatus)).toEqual(['pending', 'pending']);
    } finally {
      await updateSettings(world, { receiptQaRequired: false });
    }
    expect((await receive({ lines: [{ productId: world.products.flour, qty: 1, lot: 'QA-2' }] })).body.licensePlates[0].qaStatus).toBe('released');
  });

  it('are all or nothing: one bad line writes no receipt, LP, ledger row or number', async () => {
    const before = await inventoryFootprint(server, world.admin.orgId);
    const unknown = '01900000-0000-7000-8000-000000000000';
    const response = await receive({ lines: [{ productId: world.products.flour, qty: 5, lot: 'OK', count: 3 }, { productId: unknown, qty: 1, lot: 'BAD' }] });
    expect(response.status).toBe(404);
    expect(response.body.errors).toMatchObject([{ path: 'lines.1.productId', message: 'no such product' }]);
    const badLocation = await world.api.post('/api/v1/receipts', { locationId: unknown, lines: [{ productId: world.products.flour, qty: 1, lot: 'L' }] });
    expect(badLocation.body.errors).toMatchObject([{ path: 'locationId', message: 'no such location' }]);
    const missingLot = await receive({ lines: [{ productId: world.products.flour, qty: 1 }] });
    expect(missingLot.status).toBe(400);
    expect(missingLot.body.errors[0].path).toBe('lines.0.lot');
    expect((await receive({ lines: [{ productId: world.products.flour, qty: 1, lot: 'L', count: 0 }] })).body.errors[0].path).toBe('lines.0.count');
    expect((await receive({ lines: [{ productId: world.products.flour, qty: 1, lot: 'L', poLineId: unknown }] })).body.errors[0].path).toBe('lines.0.poLineId');
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
  });

  it("refuse another organization's location, product and supplier with 404", async () => {
    const stranger = await setupInventory(server);
    const before = await inventoryFootprint(server, world.admin.orgId);
    expect((await world.api.post('/api/v1/receipts', { locationId: stranger.locations.receiving, lines: [{ productId: world.products.flour, qty: 1, lot: 'L' }] })).status).toBe(404);
    expect((await receive({ lines: [{ productId: stranger.products.flour, qty: 1, lot: 'L' }] })).status).toBe(404);
    expect((await receive({ supplierId: stranger.supplierId, lines: [{ productId: world.products.flour, qty: 1, lot: 'L' }] })).status).toBe(404);
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
    const mine = (await receive({ lines: [{ productId: world.products.flour, qty: 1, lot: 'L' }] })).body;
    expect((await stranger.api.get(`/api/v1/receipts/${mine.id}`)).status).toBe(404);
  });

  it('refuse an inactive product or location with 409', async () => {
    const retired = await createProduct(server, world.api);
    await sqlAsOwner(server, "update products set status = 'inactive' where id = $1", [retired]);
    expect((await receive({ lines: [{ productId: retired, qty: 1, lot: 'L' }] })).status).toBe(409);
  });
});

describe('receiving against a purchase order', () => {
  it('counts lines into receivedQty: partially_received, then received', async () => {
    const order = await approvedPurchaseOrder(world, [{ productId: world.products.flour, qty: 100 }, { productId: world.products.sugar, qty: 10 }]);
    const first = await receive({ purchaseOrderId: order.id, lines: [{ productId: world.products.flour, qty: 20, lot: 'PO-1', count: 3 }] });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ purchaseOrderId: order.id, supplierId: world.supplierId });
    expect(first.body.lines[0].poLineId).toBe(order.lines[0].id);
    let read = (await world.api.get(`/api/v1/purchase-orders/${order.id}`)).body;
    expect(read.status).toBe('partially_received');
    expect(read.lines.map((l: any) => l.receivedQty)).toEqual([60, 0]);
    await receive({ purchaseOrderId: order.id, lines: [{ productId: world.products.flour, poLineId: order.lines[0].id, qty: 40, lot: 'PO-2' }, { productId: world.products.sugar, qty: 10, lot: 'PO-3' }] });
    read = (await world.api.get(`/api/v1/purchase-orders/${order.id}`)).body;
    expect(read.status).toBe('received');
    expect(read.lines.map((l: any) => l.receivedQty)).toEqual([100, 10]);
    // A received order takes nothing more, and cannot be cancelled.
    expect((await receive({ purchaseOrderId: order.id, lines: [{ productId: world.products.sugar, qty: 0.001, lot: 'X' }] })).status).toBe(409);
    expect((await world.api.post(`/api/v1/purchase-orders/${order.id}/cancel`)).status).toBe(409);
    const receipts = await world.api.get(`/api/v1/receipts?purchaseOrderId=${order.id}`);
    expect(receipts.body.items).toHaveLength(2);
  });

  it('refuses receiving more than ordered (409) and writes nothing; the tolerance allows a margin', async () => {
    const order = await approvedPurchaseOrder(world, [{ productId: world.products.flour, qty: 10 }]);
    const before = await inventoryFootprint(server, world.admin.orgId);
    const over = await receive({ purchaseOrderId: order.id, lines: [{ productId: world.products.flour, qty: 5.5, lot: 'O', count: 2 }] });
    expect(over.status).toBe(409);
    expect(over.body.errors).toMatchObject([{ path: 'lines.0.qty', message: 'exceeds the ordered quantity' }]);
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
    await updateSettings(world, { overReceiptTolerancePercent: 10 });
    try {
      expect((await receive({ purchaseOrderId: order.id, lines: [{ productId: world.products.flour, qty: 5.5, lot: 'O', count: 2 }] })).status).toBe(201);
      expect((await receive({ purchaseOrderId: order.id, lines: [{ productId: world.products.flour, qty: 0.000001, lot: 'O' }] })).status).toBe(409);
    } finally {
      await updateSettings(world, { overReceiptTolerancePercent: 0 });
    }
    expect((await world.api.get(`/api/v1/purchase-orders/${order.id}`)).body).toMatchObject({ status: 'received', lines: [expect.objectContaining({ receivedQty: 11 })] });
  });

  it('refuses a draft or cancelled order, a product not on it, and a line of another order', async () => {
    const draft = (await world.api.post('/api/v1/purchase-orders', { supplierId: world.supplierId, lines: [{ productId: world.products.flour, qty: 10 }] })).body;
    const order = await approvedPurchaseOrder(world, [{ productId: world.products.flour, qty: 10 }]);
    const otherOrder = await approvedPurchaseOrder(world, [{ productId: world.products.flour, qty: 10 }]);
    const before = await inventoryFootprint(server, world.admin.orgId);
    const notApproved = await receive({ purchaseOrderId: draft.id, lines: [{ productId: world.products.flour, qty: 1, lot: 'L' }] });
    expect(notApproved.status).toBe(409);
    expect(notApproved.body.errors[0].path).toBe('purchaseOrderId');
    const notOnOrder = await receive({ purchaseOrderId: order.id, lines: [{ productId: world.products.sugar, qty: 1, lot: 'L' }] });
    expect(notOnOrder.status).toBe(409);
    expect(notOnOrder.body.errors).toMatchObject([{ path: 'lines.0.productId', message: 'not on this purchase order' }]);
    const wrongProduct = await receive({ purchaseOrderId: order.id, lines: [{ productId: world.products.sugar, poLineId: order.lines[0].id, qty: 1, lot: 'L' }] });
    expect(wrongProduct.status).toBe(409);
    expect(wrongProduct.body.errors).toMatchObject([{ path: 'lines.0.productId', message: 'differs from the order line' }]);
    const foreignLine = await receive({ purchaseOrderId: order.id, lines: [{ productId: world.products.flour, poLineId: otherOrder.lines[0].id, qty: 1, lot: 'L' }] });
    expect(foreignLine.status).toBe(404);
    expect(foreignLine.body.errors[0].path).toBe('lines.0.poLineId');
    const wrongSupplier = await world.api.post('/api/v1/suppliers', { code: `S2-${Date.now()}`, name: 'Other mill' });
    expect((await receive({ purchaseOrderId: order.id, supplierId: wrongSupplier.body.id, lines: [{ productId: world.products.flour, qty: 1, lot: 'L' }] })).status).toBe(409);
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
    await world.api.post(`/api/v1/purchase-orders/${draft.id}/cancel`);
    const afterCancel = await inventoryFootprint(server, world.admin.orgId);
    expect((await receive({ purchaseOrderId: draft.id, lines: [{ productId: world.products.flour, qty: 1, lot: 'L' }] })).status).toBe(409);
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(afterCancel);
  });

  it('keeps receipt → supplier → purchase order linkage for trace', async () => {
    const order = await approvedPurchaseOrder(world, [{ productId: world.products.flour, qty: 10 }]);
    const receipt = (await receive({ purchaseOrderId: order.id, lines: [{ productId: world.products.flour, qty: 5, lot: 'T', count: 2 }] })).body;
    const rows = await sqlAsOwner(
      server,
      `select lp.id, r.id as receipt_id, r.supplier_id, r.purchase_order_id from license_plates lp join receipts r on r.id = lp.receipt_id where r.id = $1 order by lp.number`,
      [receipt.id],
    );
    expect(rows).toEqual(receipt.licensePlates.map((lp: any) => ({ id: lp.id, receipt_id: receipt.id, supplier_id: world.supplierId, purchase_order_id: order.id })));
    expect(await ledgerMismatches(server)).toEqual([]);
  });

  it('need warehouse write: a planner cannot receive', async () => {
    const order = await approvedPurchaseOrder(world, [{ productId: world.products.flour, qty: 10 }]);
    const planner = server.as((await server.userWithRoles(world.admin, ['planner'])).accessToken);
    expect((await receive({ purchaseOrderId: order.id, lines: [{ productId: world.products.flour, qty: 1, lot: 'L' }] }, planner)).status).toBe(403);
    const warehouse = server.as((await server.userWithRoles(world.admin, ['warehouse'])).accessToken);
    expect((await receive({ purchaseOrderId: order.id, lines: [{ productId: world.products.flour, qty: 1, lot: 'L' }] }, warehouse)).status).toBe(201);
  });
});
