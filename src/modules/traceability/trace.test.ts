import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedPurchaseOrder, receivePlate, sqlAsOwner } from '../../../test/factories/inventory.js';
import { advance, consume, createWorkOrder, expectStatus, output, productMadeOf, setupProduction, type ProductionWorld } from '../../../test/factories/production.js';
import { createCustomer } from '../../../test/factories/platform.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { recallSchema, traceSchema } from './trace.schema.js';

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

  story.customer1 = await createCustomer(world.api, { name: 'Shop One' });
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
