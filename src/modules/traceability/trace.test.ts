import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedPurchaseOrder, receivePlate, receivePlates, sqlAsOwner } from '../../../test/factories/inventory.js';
import { advance, consume, createWorkOrder, expectStatus, output, productMadeOf, setupProduction, type ProductionWorld } from '../../../test/factories/production.js';
import { createCustomer } from '../../../test/factories/platform.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { formatCsvRow } from '../../platform/csv.js';
import { recallStatement, traceSettings } from './trace.queries.js';
import { recallSchema, recallSummarySchema, traceSchema, type Recall } from './trace.schema.js';

let server: TestServer;
let world: ProductionWorld;

/**
 * The two-level story: flour lot F1 (two LPs, received against a purchase order) and
 * sugar lot S1 make dough D1 (WO dough); D1 is split into D1 and D1s; D1 makes bread B1
 * and B2 (WO bread), D1s makes bread B3 (another WO); B1 ships to customer 1, B3 to
 * customer 2, B2 stays in stock. Beside it, flour lot F2 makes dough D2 and bread B4,
 * shipped to customer 1: the noise no trace of F1 may touch.
 */
const story: Record<string, any> = {};

const sorted = (ids: string[]) => [...ids].sort();
const linkKey = (l: { from: string; to: string; type: string }) => `${l.from}>${l.to}:${l.type}`;
const id = (name: string) => story[name].id as string;
const link = (from: string, to: string, type: string, workOrder?: string, qty?: number) => ({
  from: id(from),
  to: id(to),
  type,
  workOrderId: workOrder ? id(workOrder) : null,
  qty: qty ?? expect.any(Number),
});

async function make(productId: string, bomId: string, plannedQty: number, inputs: [string, number][], outputs: { qty: number; lot?: string }[]) {
  const wo = await advance(world.api, (await createWorkOrder(world, { productId, bomId, plannedQty })).id, ['release', 'start']);
  for (const [plate, qty] of inputs) await consume(world.api, wo.id, plate, qty);
  const made = [];
  for (const out of outputs) made.push(await output(world.api, wo.id, { qty: out.qty, locationId: world.locations.storage, ...(out.lot ? { lot: out.lot } : {}) }));
  return { wo, made };
}

async function ship(customerId: string, plates: string[]) {
  return expectStatus(await world.api.post('/api/v1/shipments', { customerId, licensePlateIds: plates, shipDate: '2026-03-02' }), 201, 'ship');
}

beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
  const { flour, sugar } = world.products;
  const dough = await productMadeOf(world.api, [{ productId: flour, qty: 0.5 }, { productId: sugar, qty: 0.1 }]);
  const bread = await productMadeOf(world.api, [{ productId: dough.productId, qty: 1 }]);
  story.doughProduct = { id: dough.productId };
  story.breadProduct = { id: bread.productId };

  const order = await approvedPurchaseOrder(world, [{ productId: flour, qty: 100 }]);
  const received = expectStatus(
    await world.api.post('/api/v1/receipts', {
      purchaseOrderId: order.id,
      locationId: world.locations.receiving,
      lines: [{ productId: flour, poLineId: order.lines[0].id, qty: 50, lot: 'F1', count: 2 }],
    }),
    201,
    'receive F1',
  );
  [story.F1a, story.F1b] = received.licensePlates;
  story.receiptF1 = received;
  story.purchaseOrder = order;
  story.S1 = await receivePlate(world, { productId: sugar, qty: 20, lot: 'S1' });
  story.F2 = await receivePlate(world, { productId: flour, qty: 50, lot: 'F2' });

  const doughRun = await make(dough.productId, dough.bomId, 60, [[id('F1a'), 30], [id('S1'), 5]], [{ qty: 60 }]);
  story.woDough = doughRun.wo;
  story.D1 = doughRun.made[0];
  story.D1s = expectStatus(await world.api.post(`/api/v1/license-plates/${id('D1')}/split`, { qty: 20 }), 201, 'split').licensePlate;
  const breadRun = await make(bread.productId, bread.bomId, 40, [[id('D1'), 40]], [{ qty: 20 }, { qty: 20 }]);
  story.woBread = breadRun.wo;
  [story.B1, story.B2] = breadRun.made;
  const smallRun = await make(bread.productId, bread.bomId, 20, [[id('D1s'), 20]], [{ qty: 20, lot: 'B-SMALL' }]);
  story.woSmall = smallRun.wo;
  story.B3 = smallRun.made[0];

  const noiseDough = await make(dough.productId, dough.bomId, 10, [[id('F2'), 5]], [{ qty: 10 }]);
  story.D2 = noiseDough.made[0];
  const noiseBread = await make(bread.productId, bread.bomId, 10, [[id('D2'), 10]], [{ qty: 10 }]);
  story.B4 = noiseBread.made[0];

  story.customer1 = await createCustomer(world.api, { name: 'Shop One', email: 'orders@shop-one.example', phone: '+48 58 555 01 10' });
  story.customer2 = await createCustomer(world.api, { name: 'Shop Two' });
  story.shipment1 = await ship(id('customer1'), [id('B1'), id('B4')]);
  story.shipment2 = await ship(id('customer2'), [id('B3')]);
});
afterAll(() => server.stop());

async function getTrace(direction: string, query: string) {
  const body = expectStatus(await world.api.get(`/api/v1/trace/${direction}?${query}`), 200, `trace ${direction}`);
  expect(traceSchema.safeParse(body).success).toBe(true);
  return body;
}

describe('the two-level story', () => {
  it('forward from a raw LP reaches exactly the dough, its split, the three breads and the two shipments', async () => {
    const trace = await getTrace('forward', `licensePlateId=${id('F1a')}`);
    expect(trace.direction).toBe('forward');
    expect(trace.roots).toEqual([id('F1a')]);
    expect(sorted(trace.licensePlates.map((lp: any) => lp.id))).toEqual(sorted(['F1a', 'D1', 'D1s', 'B1', 'B2', 'B3'].map(id)));
    expect([...trace.links].sort((a: any, b: any) => linkKey(a).localeCompare(linkKey(b)))).toEqual(
      [
        link('F1a', 'D1', 'production', 'woDough', 30),
        link('D1', 'D1s', 'split', undefined, 20),
        link('D1', 'B1', 'production', 'woBread', 40),
        link('D1', 'B2', 'production', 'woBread', 40),
        link('D1s', 'B3', 'production', 'woSmall', 20),
      ].sort((a, b) => linkKey(a).localeCompare(linkKey(b))),
    );
    expect(trace.shipments).toEqual(
      expect.arrayContaining([
        { licensePlateId: id('B1'), shipmentId: id('shipment1'), customerId: id('customer1'), shipDate: '2026-03-02' },
        { licensePlateId: id('B3'), shipmentId: id('shipment2'), customerId: id('customer2'), shipDate: '2026-03-02' },
      ]),
    );
    expect(trace.shipments).toHaveLength(2);
    expect(trace.receipts).toEqual([]);
    expect(trace.depthLimitReached).toBe(false);
  });

  it('shows each LP exactly as the license plate endpoint does', async () => {
    const trace = await getTrace('forward', `licensePlateId=${id('F1a')}`);
    for (const lp of trace.licensePlates) {
      expect(lp).toEqual(expectStatus(await world.api.get(`/api/v1/license-plates/${lp.id}`), 200, 'get LP'));
    }
    expect(trace.licensePlates.find((lp: any) => lp.id === id('B1'))).toMatchObject({ status: 'shipped', qty: 0 });
    expect(trace.licensePlates.find((lp: any) => lp.id === id('D1'))).toMatchObject({ status: 'consumed', qty: 0 });
  });

  it('backward from the small bread reaches exactly its split, the dough, the flour and sugar LPs, and their receipts', async () => {
    const trace = await getTrace('backward', `licensePlateId=${id('B3')}`);
    expect(trace.direction).toBe('backward');
    expect(trace.roots).toEqual([id('B3')]);
    expect(sorted(trace.licensePlates.map((lp: any) => lp.id))).toEqual(sorted(['B3', 'D1s', 'D1', 'F1a', 'S1'].map(id)));
    expect([...trace.links].sort((a: any, b: any) => linkKey(a).localeCompare(linkKey(b)))).toEqual(
      [
        link('D1s', 'B3', 'production', 'woSmall', 20),
        link('D1', 'D1s', 'split', undefined, 20),
        link('F1a', 'D1', 'production', 'woDough', 30),
        link('S1', 'D1', 'production', 'woDough', 5),
      ].sort((a, b) => linkKey(a).localeCompare(linkKey(b))),
    );
    const receiptOfS1 = await sqlAsOwner<{ receipt_id: string; supplier_id: string | null }>(
      server,
      'select lp.receipt_id, r.supplier_id from license_plates lp join receipts r on r.id = lp.receipt_id where lp.id = $1',
      [id('S1')],
    );
    expect([...trace.receipts].sort((a: any, b: any) => a.licensePlateId.localeCompare(b.licensePlateId))).toEqual(
      [
        { licensePlateId: id('F1a'), receiptId: id('receiptF1'), supplierId: world.supplierId, purchaseOrderId: id('purchaseOrder') },
        { licensePlateId: id('S1'), receiptId: receiptOfS1[0]!.receipt_id, supplierId: receiptOfS1[0]!.supplier_id, purchaseOrderId: null },
      ].sort((a, b) => a.licensePlateId.localeCompare(b.licensePlateId)),
    );
    expect(trace.shipments).toEqual([]);
  });

  it('backward from a big bread does not wander into the split or the other breads', async () => {
    const trace = await getTrace('backward', `licensePlateId=${id('B1')}`);
    expect(sorted(trace.licensePlates.map((lp: any) => lp.id))).toEqual(sorted(['B1', 'D1', 'F1a', 'S1'].map(id)));
    expect(trace.links.map(linkKey).sort()).toEqual(
      [link('D1', 'B1', 'production'), link('F1a', 'D1', 'production'), link('S1', 'D1', 'production')].map(linkKey).sort(),
    );
  });

  it('by product and lot starts from every LP of the lot', async () => {
    const trace = await getTrace('forward', `productId=${world.products.flour}&lot=F1`);
    expect(trace.roots).toEqual(sorted([id('F1a'), id('F1b')]));
    expect(sorted(trace.licensePlates.map((lp: any) => lp.id))).toEqual(sorted(['F1a', 'F1b', 'D1', 'D1s', 'B1', 'B2', 'B3'].map(id)));
    const backward = await getTrace('backward', `productId=${id('breadProduct')}&lot=B-SMALL`);
    expect(backward.roots).toEqual([id('B3')]);
  });

  it('recall of the flour lot lists exactly every affected LP with product, lot, qty, status and place, and every shipment with customer and date', async () => {
    const recall = expectStatus(await world.api.get(`/api/v1/trace/recall?productId=${world.products.flour}&lot=F1`), 200, 'recall');
    expect(recallSchema.safeParse(recall).success).toBe(true);
    expect(recall.roots).toEqual(sorted([id('F1a'), id('F1b')]));
    expect(sorted(recall.licensePlates.map((lp: any) => lp.id))).toEqual(sorted(['F1a', 'F1b', 'D1', 'D1s', 'B1', 'B2', 'B3'].map(id)));
    const b2 = recall.licensePlates.find((lp: any) => lp.id === id('B2'));
    expect(b2).toMatchObject({ number: story.B2.number, productId: id('breadProduct'), lot: story.woBread.number, qty: 20, status: 'available', locationId: world.locations.storage });
    expect(b2.locationCode).toEqual(expect.any(String));
    expect(recall.licensePlates.find((lp: any) => lp.id === id('F1b'))).toMatchObject({ qty: 50, status: 'available', lot: 'F1', locationId: world.locations.receiving });
    expect(recall.shipments.map((s: any) => [s.licensePlateId, s.shipmentId, s.customerId, s.customerName, s.shipDate, s.qty]).sort()).toEqual(
      [
        [id('B1'), id('shipment1'), id('customer1'), 'Shop One', '2026-03-02', 20],
        [id('B3'), id('shipment2'), id('customer2'), 'Shop Two', '2026-03-02', 20],
      ].sort(),
    );
    expect(recall.customers.map((c: any) => c.id).sort()).toEqual(sorted([id('customer1'), id('customer2')]));
  });

  it('recall as CSV (Accept: text/csv) has a row per affected LP and per shipment', async () => {
    const response = await world.api.get(`/api/v1/trace/recall?productId=${world.products.flour}&lot=F1`, { accept: 'text/csv' });
    expect(response.status).toBe(200);
    expect(String(response.headers['content-type'])).toMatch(/^text\/csv/);
    const lines = String(response.body).trimEnd().split('\r\n');
    expect(lines[0]).toBe('record,licensePlateNumber,productCode,productName,lot,expiryDate,qty,uom,status,qaStatus,warehouse,location,shipmentNumber,shipDate,customerCode,customerName');
    const records = lines.slice(1).map((line) => line.split(','));
    expect(records.filter((r) => r[0] === 'license_plate').map((r) => r[1]).sort()).toEqual(['F1a', 'F1b', 'D1', 'D1s', 'B1', 'B2', 'B3'].map((n) => story[n].number).sort());
    const shipped = records.filter((r) => r[0] === 'shipment');
    expect(shipped.map((r) => [r[1], r[12], r[13], r[15]]).sort()).toEqual(
      [
        [story.B1.number, story.shipment1.number, '2026-03-02', 'Shop One'],
        [story.B3.number, story.shipment2.number, '2026-03-02', 'Shop Two'],
      ].sort(),
    );
    // A plate no longer in the plant (shipped, consumed) has no warehouse or location: it is not there.
    const plates = records.filter((r) => r[0] === 'license_plate');
    expect(plates.filter((r) => r[8] !== 'available').every((r) => r[10] === '' && r[11] === '')).toBe(true);
    expect(plates.filter((r) => r[8] === 'available').every((r) => r[10] !== '' && r[11] !== '')).toBe(true);
    const json = await world.api.get(`/api/v1/trace/recall?productId=${world.products.flour}&lot=F1`, { accept: 'application/json' });
    expect(json.body.licensePlates).toHaveLength(7);
  });
});

describe('trace rules', () => {
  it('stops a cycle in the links at the depth limit instead of running forever', async () => {
    const a = await receivePlate(world, { qty: 1 });
    const b = await receivePlate(world, { qty: 1 });
    await sqlAsOwner(server, `insert into lp_links (org_id, from_lp_id, to_lp_id, type, qty) values ($1, $2, $3, 'split', 1), ($1, $3, $2, 'split', 1)`, [
      world.admin.orgId,
      a.id,
      b.id,
    ]);
    for (const direction of ['forward', 'backward']) {
      const trace = await getTrace(direction, `licensePlateId=${a.id}`);
      expect(sorted(trace.licensePlates.map((lp: any) => lp.id))).toEqual(sorted([a.id, b.id]));
      expect(trace.links).toHaveLength(2);
      expect(trace.depthLimitReached).toBe(true);
    }
  });

  it('writes whatever text a lot or a name holds as valid JSON and CSV', async () => {
    const lot = 'L "7" \\ back\tslash ü € 🍞 \u0001 end';
    const name = '=SUM("A1") \u00e9clair, "quoted"';
    const product = expectStatus(await world.api.post('/api/v1/products', { code: `ODD-${Date.now()}`, name, type: 'raw', uom: 'kg' }), 201, 'product');
    const lp = await receivePlate(world, { productId: product.id, lot, qty: 1.5 });
    const trace = await getTrace('forward', `licensePlateId=${lp.id}`);
    expect(trace.licensePlates).toEqual([expectStatus(await world.api.get(`/api/v1/license-plates/${lp.id}`), 200, 'get LP')]);
    expect(trace.licensePlates[0].lot).toBe(lot);
    const query = `productId=${product.id}&lot=${encodeURIComponent(lot)}`;
    const recall = expectStatus(await world.api.get(`/api/v1/trace/recall?${query}`), 200, 'recall');
    expect(recallSchema.safeParse(recall).success).toBe(true);
    expect(recall).toMatchObject({ lot, licensePlates: [{ id: lp.id, lot, productName: name, qty: 1.5 }] });
    const csv = String((await world.api.get(`/api/v1/trace/recall?${query}`, { accept: 'text/csv' })).body);
    // The name is quoted (comma, quotes) and defused (a leading = would run as a formula).
    expect(csv).toContain(`"'=SUM(""A1"") \u00e9clair, ""quoted"""`);
  });

  it('asks for licensePlateId, or productId and lot; 404 for an unknown LP, product or lot', async () => {
    for (const query of ['', `productId=${world.products.flour}`, `lot=F1`, `licensePlateId=${id('F1a')}&lot=F1`, 'licensePlateId=nope']) {
      expect((await world.api.get(`/api/v1/trace/forward?${query}`)).status, query).toBe(400);
    }
    expect((await world.api.get(`/api/v1/trace/recall?lot=F1`)).status).toBe(400);
    const unknownLp = await world.api.get(`/api/v1/trace/backward?licensePlateId=${crypto.randomUUID()}`);
    expect(unknownLp.status).toBe(404);
    expect(unknownLp.body.errors[0].path).toBe('licensePlateId');
    expect((await world.api.get(`/api/v1/trace/forward?productId=${crypto.randomUUID()}&lot=F1`)).body.errors[0].path).toBe('productId');
    const unknownLot = await world.api.get(`/api/v1/trace/recall?productId=${world.products.flour}&lot=NOPE`);
    expect(unknownLot.status).toBe(404);
    expect(unknownLot.body.errors[0].path).toBe('lot');
  });

  it("answers 404 for another organization's LPs and lots, on every trace endpoint", async () => {
    const stranger = await setupProduction(server);
    const paths = [
      `/api/v1/trace/forward?licensePlateId=${id('F1a')}`,
      `/api/v1/trace/backward?licensePlateId=${id('B3')}`,
      `/api/v1/trace/forward?productId=${world.products.flour}&lot=F1`,
      `/api/v1/trace/backward?productId=${world.products.flour}&lot=F1`,
      `/api/v1/trace/recall?productId=${world.products.flour}&lot=F1`,
    ];
    for (const path of paths) expect((await stranger.api.get(path)).status, path).toBe(404);
    // A lot of the same name in the stranger's organization traces only the stranger's stock.
    const theirs = await receivePlate(stranger, { lot: 'F1', qty: 3 });
    const trace = expectStatus(await stranger.api.get(`/api/v1/trace/forward?productId=${stranger.products.flour}&lot=F1`), 200, 'their lot');
    expect(trace.licensePlates.map((lp: any) => lp.id)).toEqual([theirs.id]);
  });

  it('may be read with quality, planning or production read, and by no one else', async () => {
    const path = `/api/v1/trace/forward?licensePlateId=${id('F1a')}`;
    for (const role of ['quality', 'planner', 'operator', 'viewer']) {
      const user = await server.userWithRoles(world.admin, [role]);
      expect((await server.as(user.accessToken).get(path)).status, role).toBe(200);
    }
    const shippingOnly = expectStatus(await world.api.post('/api/v1/roles', { name: `ship-${Date.now()}`, permissions: { shipping: 'write', warehouse: 'read' } }), 201, 'role');
    const shipper = server.as((await server.userWithRoles(world.admin, [shippingOnly.name])).accessToken);
    expect((await shipper.get(path)).status).toBe(403);
    expect((await shipper.get(`/api/v1/trace/recall?productId=${world.products.flour}&lot=F1`)).status).toBe(403);
  });
});

describe('the recall summary', () => {
  const summaryOf = async (query: string, client = world.api) => expectStatus(await client.get(`/api/v1/trace/recall/summary?${query}`), 200, 'summary');
  const place = (locationId: string, qty: number, licensePlates: number) => ({ locationId, locationCode: expect.any(String), qty, licensePlates });
  const customer = (name: string) => ({ customerId: id(name), customerCode: story[name].code, customerName: story[name].name });

  it('of the flour lot gives, per lot reached, exactly what was made, what is on hand where, and what went to whom', async () => {
    const summary = await summaryOf(`productId=${world.products.flour}&lot=F1`);
    expect(recallSummarySchema.safeParse(summary).success).toBe(true);
    expect(summary).toMatchObject({ productId: world.products.flour, lot: 'F1' });
    // The suspect lot first, then every lot made from it; never the noise lots (F2, D2, B4).
    expect(summary.lots[0]).toMatchObject({ productId: world.products.flour, lot: 'F1' });
    const byLot = Object.fromEntries(summary.lots.map((lot: any) => [lot.lot, lot]));
    expect(Object.keys(byLot).sort()).toEqual(['F1', story.woDough.number, story.woBread.number, 'B-SMALL'].sort());
    // F1: two LPs of 50 received; 30 of F1a went into the dough, so 20 + 50 wait in receiving.
    expect(byLot.F1).toEqual({ productId: world.products.flour, productCode: expect.any(String), productName: expect.any(String), lot: 'F1', producedQty: 100, onHand: [place(world.locations.receiving, 70, 2)], shipped: [] });
    // The dough: 60 made (the split LP is the same dough, not made again), all of it baked.
    expect(byLot[story.woDough.number]).toMatchObject({ productId: id('doughProduct'), producedQty: 60, onHand: [], shipped: [] });
    // The big breads: 2 × 20 made, B1 shipped to shop one (B4 on the same shipment is another lot), B2 in storage.
    expect(byLot[story.woBread.number]).toMatchObject({ productId: id('breadProduct'), producedQty: 40, onHand: [place(world.locations.storage, 20, 1)], shipped: [{ ...customer('customer1'), qty: 20 }] });
    expect(byLot['B-SMALL']).toMatchObject({ productId: id('breadProduct'), producedQty: 20, onHand: [], shipped: [{ ...customer('customer2'), qty: 20 }] });
    // Contacts of everyone who received any; a field the customer does not have is left out.
    expect(summary.customers).toEqual(
      [
        { id: id('customer1'), code: story.customer1.code, name: 'Shop One', email: 'orders@shop-one.example', phone: '+48 58 555 01 10' },
        { id: id('customer2'), code: story.customer2.code, name: 'Shop Two' },
      ].sort((a, b) => a.code.localeCompare(b.code)),
    );
  });

  it('agrees with the LP-level recall it summarizes', async () => {
    const summary = await summaryOf(`productId=${world.products.flour}&lot=F1`);
    const recall = expectStatus(await world.api.get(`/api/v1/trace/recall?productId=${world.products.flour}&lot=F1`), 200, 'recall');
    const lotsOfPlates = new Set(recall.licensePlates.map((lp: any) => `${lp.productId}/${lp.lot}`));
    expect(new Set(summary.lots.map((lot: any) => `${lot.productId}/${lot.lot}`))).toEqual(lotsOfPlates);
    const onHand = recall.licensePlates.filter((lp: any) => lp.status === 'available').reduce((sum: number, lp: any) => sum + lp.qty, 0);
    expect(summary.lots.flatMap((lot: any) => lot.onHand).reduce((sum: number, place: any) => sum + place.qty, 0)).toBe(onHand);
    const shipped = recall.shipments.reduce((sum: number, line: any) => sum + line.qty, 0);
    expect(summary.lots.flatMap((lot: any) => lot.shipped).reduce((sum: number, to: any) => sum + to.qty, 0)).toBe(shipped);
  });

  it('keeps quantities exact', async () => {
    const lp = await receivePlate(world, { lot: 'EXACT', qty: 0.1 });
    await receivePlate(world, { lot: 'EXACT', qty: 0.2 });
    const summary = await summaryOf(`productId=${lp.productId}&lot=EXACT`);
    expect(summary.lots).toEqual([expect.objectContaining({ producedQty: 0.3, onHand: [expect.objectContaining({ qty: 0.3, licensePlates: 2 })] })]);
  });

  it('asks for productId and lot, naming the field; 404 for an unknown product or lot', async () => {
    for (const [query, field] of [
      [`lot=F1`, 'productId'],
      [`productId=${world.products.flour}`, 'lot'],
      [`productId=nope&lot=F1`, 'productId'],
      [`productId=${world.products.flour}&lot=%20`, 'lot'],
    ]) {
      const response = await world.api.get(`/api/v1/trace/recall/summary?${query}`);
      expect(response.status, query).toBe(400);
      expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((error: any) => error.path), query).toContain(field);
    }
    const unknownProduct = await world.api.get(`/api/v1/trace/recall/summary?productId=${crypto.randomUUID()}&lot=F1`);
    expect([unknownProduct.status, unknownProduct.body.errors[0].path]).toEqual([404, 'productId']);
    const unknownLot = await world.api.get(`/api/v1/trace/recall/summary?productId=${world.products.flour}&lot=NOPE`);
    expect([unknownLot.status, unknownLot.body.errors[0].path]).toEqual([404, 'lot']);
  });

  it("answers 404 for another organization's product and lot, as the trace does", async () => {
    const stranger = await setupProduction(server);
    expect((await stranger.api.get(`/api/v1/trace/recall/summary?productId=${world.products.flour}&lot=F1`)).status).toBe(404);
    // Their own lot of the same name sums only their own stock.
    const theirs = await receivePlate(stranger, { lot: 'F1', qty: 3 });
    const summary = await summaryOf(`productId=${stranger.products.flour}&lot=F1`, stranger.api);
    expect(summary.lots).toEqual([expect.objectContaining({ producedQty: 3, onHand: [expect.objectContaining({ locationId: theirs.locationId, qty: 3, licensePlates: 1 })], shipped: [] })]);
    expect(summary.customers).toEqual([]);
  });

  it('may be read by the readers of the trace and by no one else', async () => {
    const path = `/api/v1/trace/recall/summary?productId=${world.products.flour}&lot=F1`;
    for (const role of ['quality', 'planner', 'operator']) {
      expect((await server.as((await server.userWithRoles(world.admin, [role])).accessToken).get(path)).status, role).toBe(200);
    }
    const shippingOnly = expectStatus(await world.api.post('/api/v1/roles', { name: `ship-s-${Date.now()}`, permissions: { shipping: 'write', warehouse: 'read' } }), 201, 'role');
    expect((await server.as((await server.userWithRoles(world.admin, [shippingOnly.name])).accessToken).get(path)).status).toBe(403);
  });
});

/** The LP-level recall exactly as it was built before it streamed: one statement, the whole answer in memory. */
async function recallAsBefore(productId: string, lot: string): Promise<{ json: string; csv: string }> {
  const dialect = new PgDialect();
  const json = await server.database.db.withSession(async (session) => {
    await session.exec('begin');
    try {
      await session.query(`select set_config('role', 'monopilot_app', true), set_config('app.org_id', $1, true)`, [world.admin.orgId]);
      await session.exec(dialect.sqlToQuery(traceSettings).sql);
      const roots = dialect.sqlToQuery(selectRootIdsStatement(productId, lot));
      const rootIds = (await session.query<{ id: string }>(roots.sql, roots.params)).map((row) => row.id);
      const statement = dialect.sqlToQuery(recallStatement({ productId, lot }, rootIds));
      return (await session.query<{ body: string }>(statement.sql, statement.params))[0]!.body;
    } finally {
      await session.exec('rollback');
    }
  });
  return { json, csv: csvAsBefore(JSON.parse(json) as Recall) };
}
const selectRootIdsStatement = (productId: string, lot: string) => sql`select id from license_plates where product_id = ${productId} and lot = ${lot} order by id`;

/** recallToCsv as it was before the recall streamed. */
function csvAsBefore(recall: Recall): string {
  const header = ['record', 'licensePlateNumber', 'productCode', 'productName', 'lot', 'expiryDate', 'qty', 'uom', 'status', 'qaStatus', 'warehouse', 'location', 'shipmentNumber', 'shipDate', 'customerCode', 'customerName'];
  const plates = new Map(recall.licensePlates.map((lp) => [lp.id, lp]));
  const rows: (string | number | null)[][] = [
    ...recall.licensePlates.map((lp) => ['license_plate', lp.number, lp.productCode, lp.productName, lp.lot, lp.expiryDate, lp.qty, lp.uom, lp.status, lp.qaStatus, ...(lp.status === 'available' ? [lp.warehouseCode, lp.locationCode] : [null, null]), null, null, null, null]),
    ...recall.shipments.map((line) => {
      const lp = plates.get(line.licensePlateId);
      return ['shipment', line.licensePlateNumber, line.productCode, lp?.productName ?? null, line.lot, lp?.expiryDate ?? null, line.qty, lp?.uom ?? null, 'shipped', lp?.qaStatus ?? null, null, null, line.shipmentNumber, line.shipDate, line.customerCode, line.customerName];
    }),
  ];
  return [header, ...rows].map((row) => formatCsvRow(row, { numericColumns: [6] })).join('\r\n') + '\r\n';
}

describe('the streamed LP-level recall', () => {
  const raw = (query: string, accept: string) => server.request({ method: 'GET', url: `/api/v1/trace/recall?${query}`, headers: { accept }, token: world.admin.accessToken });

  it('streams its answer (chunked, no length known up front) as JSON and as CSV', async () => {
    for (const accept of ['application/json', 'text/csv']) {
      const response = await raw(`productId=${world.products.flour}&lot=F1`, accept);
      expect(response.status, accept).toBe(200);
      expect(response.headers['transfer-encoding'], accept).toBe('chunked');
      expect(response.headers['content-length'], accept).toBeUndefined();
    }
  });

  it('answers byte for byte what the whole-answer recall did, for the story and for odd text', async () => {
    const odd = await receivePlate(world, { lot: 'L "7" \\ tab\t ü 🍞 \u0001 =1+1', qty: 2.5 });
    // A lot bigger than one batch of the cursor (1,000 rows), one of its LPs shipped: the parts run across batches.
    const big = await receivePlates(world, { lot: 'BIG', qty: 1, count: 1000 });
    await receivePlate(world, { lot: 'BIG', qty: 2 });
    await ship(id('customer2'), [big[999].id]);
    for (const [productId, lot] of [
      [world.products.flour, 'F1'],
      [id('breadProduct'), 'B-SMALL'],
      [odd.productId, odd.lot],
      [world.products.flour, 'BIG'],
    ] as [string, string][]) {
      const before = await recallAsBefore(productId, lot);
      const query = `productId=${productId}&lot=${encodeURIComponent(lot)}`;
      const json = await server.app.inject({ method: 'GET', url: `/api/v1/trace/recall?${query}`, headers: { authorization: `Bearer ${world.admin.accessToken}` } });
      expect(json.body, lot).toBe(before.json);
      const csv = await server.app.inject({ method: 'GET', url: `/api/v1/trace/recall?${query}`, headers: { authorization: `Bearer ${world.admin.accessToken}`, accept: 'text/csv' } });
      expect(csv.body, lot).toBe(before.csv);
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="recall-[A-Za-z0-9._-]+\.csv"$/);
    }
  }, 90_000); // receives a 1,000-plate lot first: slow on a loaded machine
});
