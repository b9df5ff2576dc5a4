import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../platform/csv.js';
import { createCustomer, createSupplier } from '../../../test/factories/platform.js';
import { advance, consume, createWorkOrder, expectStatus, output, productMadeOf, setupProduction, type ProductionWorld } from '../../../test/factories/production.js';
import { pdfText } from '../../../test/pdf-text.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

// The recall report of a flour lot F1: received on a purchase order from a mill, made into
// dough D1 (WO 1) and bread B1 (WO 2), bread shipped to a shop whose contact is named. What an
// authority needs is in it, as CSV and as PDF.

let server: TestServer;
let world: ProductionWorld;
const story: Record<string, any> = {};

async function make(productId: string, bomId: string, inputs: [string, number][], lot: string, qty: number) {
  const wo = await advance(world.api, (await createWorkOrder(world, { productId, bomId, plannedQty: qty })).id, ['release', 'start']);
  for (const [plate, used] of inputs) await consume(world.api, wo.id, plate, used);
  return { wo, plate: await output(world.api, wo.id, { qty, lot, locationId: world.locations.storage }) };
}

const report = (format: 'csv' | 'pdf', lot = 'F1', api = world.admin.accessToken) =>
  server.app.inject({ method: 'GET', url: `/api/v1/trace/recall/report?productId=${world.products.flour}&lot=${lot}&format=${format}`, headers: { authorization: `Bearer ${api}` } });

/** The CSV's blocks by title: header and rows as objects. */
function blocks(csv: string): Map<string, Record<string, string>[]> {
  const result = new Map<string, Record<string, string>[]>();
  for (const part of csv.trim().split('\r\n\r\n')) {
    const [[title], header, ...rows] = parseCsv(part).map((record) => record.fields) as [string[], string[], ...string[][]];
    result.set(title!, rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? '']))));
  }
  return result;
}

beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
  const { flour } = world.products;
  story.mill = await createSupplier(world.api, { name: 'Młyn Zbożowy', phone: '+48 58 555 00 00' });
  story.shop = await createCustomer(world.api, { name: 'Shop One', contactName: 'Anna Nowak', email: 'anna@shop.example', phone: '+48 600 000 001', address: '1 High St' });
  const order = expectStatus(await world.api.post('/api/v1/purchase-orders', { supplierId: story.mill.id, lines: [{ productId: flour, qty: 100 }] }), 201, 'po');
  story.po = expectStatus(await world.api.post(`/api/v1/purchase-orders/${order.id}/approve`), 200, 'approve');
  story.receipt = expectStatus(
    await world.api.post('/api/v1/receipts', { purchaseOrderId: order.id, locationId: world.locations.receiving, lines: [{ productId: flour, poLineId: story.po.lines[0].id, qty: 100, lot: 'F1' }] }),
    201,
    'receive',
  );
  const dough = await productMadeOf(world.api, [{ productId: flour, qty: 0.5 }]);
  const bread = await productMadeOf(world.api, [{ productId: dough.productId, qty: 1 }]);
  story.doughRun = await make(dough.productId, dough.bomId, [[story.receipt.licensePlates[0].id, 30]], 'D1', 60);
  story.breadRun = await make(bread.productId, bread.bomId, [[story.doughRun.plate.id, 40]], 'B1', 40);
  story.shipment = expectStatus(await world.api.post('/api/v1/shipments', { customerId: story.shop.id, licensePlateIds: [story.breadRun.plate.id], shipDate: '2026-03-02' }), 201, 'ship');
});
afterAll(() => server.stop());

describe('customers', () => {
  it('keep a contact name beside email and phone, changed like any field; too long is 400 naming it', async () => {
    expect(story.shop).toMatchObject({ contactName: 'Anna Nowak', email: 'anna@shop.example' });
    const changed = expectStatus(await world.api.patch(`/api/v1/customers/${story.shop.id}`, { contactName: 'Ewa Kowal' }), 200, 'patch');
    expect(changed.contactName).toBe('Ewa Kowal');
    const refused = await world.api.patch(`/api/v1/customers/${story.shop.id}`, { contactName: 'x'.repeat(201) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('contactName');
    const stranger = server.as((await server.signup()).accessToken);
    expect((await stranger.patch(`/api/v1/customers/${story.shop.id}`, { contactName: 'Mallory' })).status).toBe(404);
    expectStatus(await world.api.patch(`/api/v1/customers/${story.shop.id}`, { contactName: 'Anna Nowak' }), 200, 'patch back');
  });
});

describe('GET /trace/recall/summary', () => {
  it("names each customer's contact person beside email and phone", async () => {
    const summary = expectStatus(await world.api.get(`/api/v1/trace/recall/summary?productId=${world.products.flour}&lot=F1`), 200, 'summary');
    expect(summary.customers).toEqual([{ id: story.shop.id, code: story.shop.code, name: 'Shop One', contactName: 'Anna Nowak', email: 'anna@shop.example', phone: '+48 600 000 001' }]);
  });
});

describe('GET /trace/recall/report', () => {
  it('as CSV: a header with lot, generated at and by, and totals', async () => {
    const response = await report('csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toBe('attachment; filename="recall-report-F1.csv"');
    const header = Object.fromEntries(blocks(response.body).get('Recall report')!.map((row) => [row.field, row.value]));
    expect(header).toMatchObject({ Lot: 'F1', 'Lots affected': '3', 'License plates affected': '3', Shipped: '40 kg', Customers: '1', Shipments: '1' });
    expect(header['Generated by']).toContain(world.admin.email);
    expect(Date.parse(header['Generated at']!)).toBeGreaterThan(Date.now() - 60_000);
    // Left in the plant: 70 kg flour and 20 kg dough (the products are made in kg).
    expect(header['Still in the plant']).toBe('90 kg (2 plates)');
  });

  it('names the supplier receipt, the work-order chain, each customer with contact and quantity, and each shipment', async () => {
    const csv = blocks((await report('csv')).body);
    expect(csv.get('Supplier receipts')).toEqual([
      expect.objectContaining({ receipt: story.receipt.number, supplierName: 'Młyn Zbożowy', purchaseOrder: story.po.number, lot: 'F1', qty: '100', uom: 'kg' }),
    ]);
    expect(csv.get('Supplier receipts')![0]!.receivedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(csv.get('Work orders')!.map((row) => [row.workOrder, row.made])).toEqual([
      [story.doughRun.wo.number, expect.stringContaining('D1')],
      [story.breadRun.wo.number, expect.stringContaining('B1')],
    ]);
    expect(csv.get('Work orders')![0]!.consumed).toContain('F1: 30 kg');
    expect(csv.get('Customers')).toEqual([
      // A leading + is defused like a formula (API.md, CSV).
      expect.objectContaining({ customerName: 'Shop One', contactName: 'Anna Nowak', email: 'anna@shop.example', phone: "'+48 600 000 001", address: '1 High St', lot: 'B1', qty: '40' }),
    ]);
    expect(csv.get('Shipments')).toEqual([expect.objectContaining({ shipment: story.shipment.number, shipDate: '2026-03-02', customerName: 'Shop One', lot: 'B1', qty: '40', uom: 'kg' })]);
  });

  it('shows no location for a plate that left the plant', async () => {
    const plates = blocks((await report('csv')).body).get('License plates')!;
    const bread = plates.find((row) => row.lot === 'B1')!;
    expect(bread).toMatchObject({ status: 'shipped', location: '' });
    expect(plates.find((row) => row.lot === 'F1')!.location).not.toBe('');
  });

  it('as PDF: the same header, receipts, work orders, contacts and shipments', async () => {
    const response = await report('pdf');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="recall-report-F1.pdf"');
    const text = pdfText(response.rawPayload).join('\n');
    for (const expected of ['Recall report: lot F1', 'Shipped: 40 kg', world.admin.email, 'Młyn Zbożowy', story.po.number, story.doughRun.wo.number, 'Anna Nowak', 'anna@shop.example', story.shipment.number]) {
      expect(text).toContain(expected);
    }
  });

  it('answers 404 naming lot for a lot there is not, 404 for another organization, 400 naming a bad field', async () => {
    const missing = await report('csv', 'NOPE');
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body).errors[0].path).toBe('lot');
    expect((await report('pdf', 'F1', (await server.signup()).accessToken)).statusCode).toBe(404);
    const bad = await server.app.inject({ method: 'GET', url: `/api/v1/trace/recall/report?productId=${world.products.flour}&lot=F1&format=xls`, headers: { authorization: `Bearer ${world.admin.accessToken}` } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).errors[0].path).toBe('format');
  });
});
