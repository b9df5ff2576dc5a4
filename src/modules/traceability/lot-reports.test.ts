import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../platform/csv.js';
import { sqlAsOwner } from '../../../test/factories/inventory.js';
import { createCustomer, createSupplier } from '../../../test/factories/platform.js';
import { advance, consume, createWorkOrder, expectStatus, output, productMadeOf, setupProduction, type ProductionWorld } from '../../../test/factories/production.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { fsma204Header } from './fsma204.rows.js';

// A two-level lot: flour F1 (received from a supplier) → dough D1 (with sugar S1) → bread B1,
// shipped; the FSMA 204 spreadsheet of F1 holds each of those events and nothing of the noise
// (flour F2, received and made into other dough). The mass balance follows one lot through a
// full story: receive, split, move, consume (one consumption reversed), adjust, ship.

let server: TestServer;
let world: ProductionWorld;
const story: Record<string, any> = {};

async function receive(productId: string, lot: string, qty: number, supplierId?: string) {
  const body = { supplierId, locationId: world.locations.receiving, lines: [{ productId, qty, lot }] };
  return expectStatus(await world.api.post('/api/v1/receipts', body), 201, 'receive');
}

async function make(productId: string, bomId: string, inputs: [string, number][], lot: string, qty: number) {
  const wo = await advance(world.api, (await createWorkOrder(world, { productId, bomId, plannedQty: qty })).id, ['release', 'start']);
  // The story draws whole plates, more than the recipe asks for: the reason says so.
  for (const [plate, used] of inputs) await consume(world.api, wo.id, plate, used, { overConsumptionReason: 'whole plates drawn' });
  return { wo, plate: await output(world.api, wo.id, { qty, lot, locationId: world.locations.storage }) };
}

const fsmaRows = async (productId: string, lot: string) => {
  const response = await world.api.get(`/api/v1/trace/fsma204?productId=${productId}&lot=${lot}`);
  expect(response.status).toBe(200);
  const [header, ...rows] = parseCsv(response.body as string).map((record) => record.fields);
  return { response, header, rows: rows.map((fields) => Object.fromEntries(fsma204Header.map((name, index) => [name, fields[index]]))) };
};

const byEventThenLot = (a: string[], b: string[]) => {
  const order = ['Receiving', 'Transformation', 'Shipping'];
  return order.indexOf(a[0]!) - order.indexOf(b[0]!) || a[1]!.localeCompare(b[1]!) || a[2]!.localeCompare(b[2]!);
};

beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
  const { flour, sugar } = world.products;
  story.mill = await createSupplier(world.api, { name: 'Młyn Zbożowy', address: 'ul. Polna 1, Gdańsk', phone: '+48 58 555 00 00' });
  story.shop = await createCustomer(world.api, { name: 'Shop One', address: '1 High St, Dover' });
  const dough = await productMadeOf(world.api, [{ productId: flour, qty: 0.5 }, { productId: sugar, qty: 0.1 }]);
  const bread = await productMadeOf(world.api, [{ productId: dough.productId, qty: 1 }]);
  story.dough = dough.productId;
  story.bread = bread.productId;
  story.receiptF1 = await receive(flour, 'F1', 100, story.mill.id);
  story.receiptS1 = await receive(sugar, 'S1', 20);
  story.receiptF2 = await receive(flour, 'F2', 50);
  const [f1, s1, f2] = [story.receiptF1, story.receiptS1, story.receiptF2].map((receipt) => receipt.licensePlates[0].id);
  story.doughRun = await make(dough.productId, dough.bomId, [[f1, 30], [s1, 5]], 'D1', 60);
  story.breadRun = await make(bread.productId, bread.bomId, [[story.doughRun.plate.id, 40]], 'B1', 40);
  story.noise = await make(dough.productId, dough.bomId, [[f2, 10]], 'D2', 10);
  story.shipment = expectStatus(
    await world.api.post('/api/v1/shipments', { customerId: story.shop.id, licensePlateIds: [story.breadRun.plate.id], shipDate: '2026-03-02' }),
    201,
    'ship',
  );
});
afterAll(() => server.stop());

describe('GET /trace/fsma204', () => {
  it("answers CSV in the spreadsheet's column order, as a download named for the lot", async () => {
    const { response, header } = await fsmaRows(world.products.flour, 'F1');
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toBe('attachment; filename="fsma204-F1.csv"');
    expect(header).toEqual([...fsma204Header]);
    expect(header!.slice(0, 9)).toEqual([
      'Traceability Lot Code',
      'Product Description',
      'Quantity',
      'Unit of Measure',
      'Location Description',
      'Date',
      'Reference Document Type',
      'Reference Document Number',
      'Traceability Lot Code Source',
    ]);
  });

  it('holds every critical tracking event of the lot and of what was made from it, and nothing else', async () => {
    const { rows } = await fsmaRows(world.products.flour, 'F1');
    const events = rows.map((row) => [row['Critical Tracking Event']!, row['Traceability Lot Code']!, row['Input Traceability Lot Code']!]);
    expect([...events].sort(byEventThenLot)).toEqual([
      ['Receiving', 'F1', ''],
      ['Transformation', 'B1', 'D1'],
      ['Transformation', 'D1', 'F1'],
      ['Transformation', 'D1', 'S1'],
      ['Shipping', 'B1', ''],
    ]);
    // Sorted by date first: the shipment (dated 2026-03-02) comes before today's events.
    const dates = rows.map((row) => row.Date!);
    expect(dates).toEqual([...dates].sort());
  });

  it('gives each event its key data elements', async () => {
    const { rows } = await fsmaRows(world.products.flour, 'F1');
    const [receiving] = rows.filter((row) => row['Critical Tracking Event'] === 'Receiving');
    const mill = 'Młyn Zbożowy, ul. Polna 1, Gdańsk, +48 58 555 00 00';
    expect(receiving).toMatchObject({
      Quantity: '100',
      'Unit of Measure': 'kg',
      'Reference Document Type': 'Receipt',
      'Reference Document Number': story.receiptF1.number,
      'Traceability Lot Code Source': mill,
      'Immediate Previous Source': mill,
      'Immediate Subsequent Recipient': '',
    });
    expect(receiving!['Date']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(receiving!['Location Description']).toMatch(/ — Main \(WH-/);
    const doughInputs = rows.filter((row) => row['Traceability Lot Code'] === 'D1');
    expect(doughInputs.map((row) => [row.Quantity, row['Input Quantity'], row['Input Unit of Measure']])).toEqual([
      ['60', '30', 'kg'],
      ['60', '5', 'kg'],
    ]);
    expect(doughInputs[0]).toMatchObject({ 'Reference Document Type': 'Work order', 'Reference Document Number': story.doughRun.wo.number });
    // Made here: the code's source is our own site, where the dough was made.
    expect(doughInputs[0]!['Traceability Lot Code Source']).toBe(doughInputs[0]!['Location Description']);
    const [shipping] = rows.filter((row) => row['Critical Tracking Event'] === 'Shipping');
    expect(shipping).toMatchObject({
      'Traceability Lot Code': 'B1',
      Quantity: '40',
      Date: '2026-03-02',
      'Reference Document Type': 'Shipment',
      'Reference Document Number': story.shipment.number,
      'Immediate Subsequent Recipient': 'Shop One, 1 High St, Dover',
    });
  });

  it('starts from any lot of the chain: the bread lot has its own making and its shipment only', async () => {
    const { rows } = await fsmaRows(story.bread, 'B1');
    const events = rows.map((row) => [row['Critical Tracking Event']!, row['Traceability Lot Code']!, row['Input Traceability Lot Code']!]);
    expect(events.sort(byEventThenLot)).toEqual([
      ['Transformation', 'B1', 'D1'],
      ['Shipping', 'B1', ''],
    ]);
  });

  it("answers 404 for a lot the organization does not have, and for another organization's lot", async () => {
    const missing = await world.api.get(`/api/v1/trace/fsma204?productId=${world.products.flour}&lot=NOPE`);
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].path).toBe('lot');
    const stranger = server.as((await server.signup()).accessToken);
    expect((await stranger.get(`/api/v1/trace/fsma204?productId=${world.products.flour}&lot=F1`)).status).toBe(404);
    expect((await world.api.get('/api/v1/trace/fsma204?productId=not-a-uuid&lot=F1')).body.errors[0].path).toBe('productId');
  });
});

describe('GET /trace/mass-balance', () => {
  const balanceOf = async (productId: string, lot: string) => expectStatus(await world.api.get(`/api/v1/trace/mass-balance?productId=${productId}&lot=${lot}`), 200, 'mass balance');

  it('explains every gram after receive, split, move, consume and reverse, adjust and ship', async () => {
    const lp = (await receive(world.products.flour, 'MB1', 100)).licensePlates[0];
    const part = expectStatus(await world.api.post(`/api/v1/license-plates/${lp.id}/split`, { qty: 30 }), 201, 'split').licensePlate;
    expectStatus(await world.api.post(`/api/v1/license-plates/${part.id}/move`, { toLocationId: world.locations.storage }), 200, 'move');
    const wo = await advance(world.api, (await createWorkOrder(world, { plannedQty: 50 })).id, ['release', 'start']);
    await consume(world.api, wo.id, lp.id, 40, { overConsumptionReason: 'the whole sack' });
    const extra = await consume(world.api, wo.id, lp.id, 5, { overConsumptionReason: 'the whole sack' });
    expectStatus(await world.api.post(`/api/v1/work-orders/${wo.id}/consumptions/${extra.id}/reverse`, { reason: 'weighed twice' }), 200, 'reverse');
    expectStatus(await world.api.post(`/api/v1/license-plates/${part.id}/adjust`, { qty: 29.75, reason: 'count' }), 200, 'adjust');
    expectStatus(await world.api.post('/api/v1/shipments', { customerId: story.shop.id, licensePlateIds: [lp.id], shipDate: '2026-03-03' }), 201, 'ship');

    expect(await balanceOf(world.products.flour, 'MB1')).toEqual({
      productId: world.products.flour,
      lot: 'MB1',
      uom: 'kg',
      received: 100,
      produced: 0,
      consumed: 40,
      shipped: 30,
      adjusted: -0.25,
      onHand: 29.75,
      unaccounted: 0,
    });
  });

  it('counts what a work order made as produced, and what was made of it as consumed', async () => {
    expect(await balanceOf(story.dough, 'D1')).toMatchObject({ received: 0, produced: 60, consumed: 40, shipped: 0, adjusted: 0, onHand: 20, unaccounted: 0 });
    expect(await balanceOf(story.bread, 'B1')).toMatchObject({ produced: 40, shipped: 40, onHand: 0, unaccounted: 0 });
  });

  it('shows as unaccounted what left the lot without a move saying how', async () => {
    const lp = (await receive(world.products.flour, 'MB2', 10)).licensePlates[0];
    // A split that took 1.5 kg off with no LP to receive it (as a bug would write), the LP following its ledger.
    await sqlAsOwner(
      server,
      `with moved as (insert into stock_moves (org_id, license_plate_id, type, qty_change, qty_after) values ($1, $2, 'split', -1.5, 8.5) returning 1)
       update license_plates set qty = 8.5 where id = $2 and exists (select 1 from moved)`,
      [world.admin.orgId, lp.id],
    );
    expect(await balanceOf(world.products.flour, 'MB2')).toMatchObject({ received: 10, onHand: 8.5, unaccounted: 1.5 });
  });

  it("answers 404 for another organization's lot", async () => {
    const stranger = server.as((await server.signup()).accessToken);
    const response = await stranger.get(`/api/v1/trace/mass-balance?productId=${world.products.flour}&lot=MB1`);
    expect(response.status).toBe(404);
    expect((await world.api.get(`/api/v1/trace/mass-balance?productId=${world.products.flour}&lot=NOPE`)).status).toBe(404);
  });
});
