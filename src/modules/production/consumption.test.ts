import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, ledgerMismatches, receivePlate, sqlAsOwner, updateSettings } from '../../../test/factories/inventory.js';
import {
  advance,
  consume,
  createWorkOrder,
  expectStatus,
  output,
  productionFootprint,
  productionLinks,
  setupProduction,
  startedWorkOrder,
  workOrderUrl,
  type ProductionWorld,
} from '../../../test/factories/production.js';
import { createProduct } from '../../../test/factories/technical.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: ProductionWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
});
afterAll(() => server.stop());

const lpUrl = (id: string, action?: string) => `/api/v1/license-plates/${id}${action ? `/${action}` : ''}`;
const plate = async (id: string) => expectStatus(await world.api.get(lpUrl(id)), 200, 'get LP');
const order = async (id: string) => expectStatus(await world.api.get(workOrderUrl(id)), 200, 'get order');
const material = (wo: any, productId: string) => wo.materials.find((m: any) => m.productId === productId);

/** Posts a consumption expected to be refused with 409, and checks it wrote nothing. */
async function refusedConsumption(workOrderId: string, body: Record<string, unknown>) {
  const before = await productionFootprint(server, world.admin.orgId);
  const response = await world.api.post(workOrderUrl(workOrderId, 'consumptions'), body);
  expect(response.status, JSON.stringify(response.body)).toBe(409);
  expect(await productionFootprint(server, world.admin.orgId)).toEqual(before);
  return response.body;
}

describe('consumption', () => {
  it('runs side by side into one order, and an output made meanwhile descends from every plate drawn', async () => {
    const wo = await startedWorkOrder(world, { plannedQty: 100 });
    const plates = await Promise.all(Array.from({ length: 8 }, () => receivePlate(world, { qty: 2 })));
    const draws = plates.map((lp) => world.api.post(workOrderUrl(wo.id, 'consumptions'), { licensePlateId: lp.id, qty: 1.5 }));
    const made = world.api.post(workOrderUrl(wo.id, 'outputs'), { qty: 1, locationId: world.locations.storage });
    const answers = await Promise.all([...draws, made]);
    expect(answers.map((answer) => answer.status)).toEqual(Array(9).fill(201));
    const outputPlate = answers.at(-1)!.body.licensePlate.id;
    // Drawn before the output or after it, each plate is linked to it exactly once.
    const links = (await productionLinks(server, wo.id)).filter((link) => link.to === outputPlate);
    expect(links.map((link) => link.from).sort()).toEqual(plates.map((lp) => lp.id).sort());
    expect(material(await order(wo.id), world.products.flour)).toMatchObject({ consumedQty: 12 });
    expect(await ledgerMismatches(server)).toEqual([]);
  });

  it('draws from a usable LP of a material: 201, the LP drops, and at 0 it is consumed', async () => {
    const wo = await startedWorkOrder(world, { plannedQty: 10 });
    const lp = await receivePlate(world, { qty: 8 });
    const consumption = await consume(world.api, wo.id, lp.id, 5);
    expect(consumption).toEqual({
      id: expect.any(String),
      workOrderId: wo.id,
      licensePlateId: lp.id,
      productId: world.products.flour,
      qty: 5,
      reversed: false,
      reversedAt: null,
      overConsumptionReason: null,
      createdAt: expect.any(String),
    });
    expect(await plate(lp.id)).toMatchObject({ qty: 3, status: 'available' });
    await consume(world.api, wo.id, lp.id, 3, { overConsumptionReason: 'beyond the 10 % tolerance' });
    expect(await plate(lp.id)).toMatchObject({ qty: 0, status: 'consumed' });
    const moves = expectStatus(await world.api.get(lpUrl(lp.id, 'moves')), 200, 'moves').items;
    expect(moves.slice(0, 2).map((m: any) => [m.type, m.qtyChange, m.qtyAfter, m.workOrderId])).toEqual([
      ['consume', -3, 0, wo.id],
      ['consume', -5, 3, wo.id],
    ]);
    const after = await order(wo.id);
    expect(after.consumptions.map((c: any) => c.qty)).toEqual([5, 3]);
    // The order names the plates it drew from, so a screen needs no read per plate.
    expect(after.consumptions.map((c: any) => [c.licensePlateNumber, c.lot])).toEqual([[lp.number, lp.lot], [lp.number, lp.lot]]);
    expect(lp.number).toMatch(/^LP\d{8}$/);
    // 10 kg of bread needs 6 kg of flour; 8 were drawn.
    expect(material(after, world.products.flour)).toMatchObject({ requiredQty: 6, consumedQty: 8, variancePercent: 33.33 });
  });

  it('is exact: ten draws of 0.1 from 1 leave exactly 0', async () => {
    const wo = await startedWorkOrder(world, { plannedQty: 1 });
    const lp = await receivePlate(world, { qty: 1, productId: world.products.sugar });
    for (let i = 0; i < 10; i++) await consume(world.api, wo.id, lp.id, 0.1, { overConsumptionReason: 'far beyond the requirement' });
    expect(await plate(lp.id)).toMatchObject({ qty: 0, status: 'consumed' });
    const [stored] = await sqlAsOwner<{ qty: string }>(server, 'select qty::text from license_plates where id = $1', [lp.id]);
    expect(stored!.qty).toBe('0.000000');
    // 0.1 kg sugar per kg with 5 % scrap: 0.105 required, 1 consumed.
    expect(material(await order(wo.id), world.products.sugar)).toMatchObject({ requiredQty: 0.105, consumedQty: 1, variancePercent: 852.38 });
  });

  it('is refused with 409 before start, on hold and after completion, writing nothing', async () => {
    const lp = await receivePlate(world, { qty: 5 });
    const released = await advance(world.api, (await createWorkOrder(world)).id, ['release']);
    expect((await refusedConsumption(released.id, { licensePlateId: lp.id, qty: 1 })).detail).toMatch(/is released; consume needs in_progress/);
    const held = await advance(world.api, (await createWorkOrder(world)).id, ['release', 'start', 'hold']);
    expect((await refusedConsumption(held.id, { licensePlateId: lp.id, qty: 1 })).detail).toMatch(/is on_hold; consume needs in_progress/);
    const completed = await advance(world.api, (await createWorkOrder(world)).id, ['release', 'start', 'complete']);
    expect((await refusedConsumption(completed.id, { licensePlateId: lp.id, qty: 1 })).detail).toMatch(/is completed/);
    expect(await plate(lp.id)).toMatchObject({ qty: 5, status: 'available' });
  });

  it('is refused with 409 for a product that is not among the materials', async () => {
    const wo = await startedWorkOrder(world);
    const salt = (await createProduct(world.api, { type: 'raw', uom: 'kg' })).id;
    const lp = await receivePlate(world, { qty: 5, productId: salt });
    const problem = await refusedConsumption(wo.id, { licensePlateId: lp.id, qty: 1 });
    expect(problem.detail).toMatch(/not among the materials/);
    expect(problem.errors).toMatchObject([{ path: 'licensePlateId', message: expect.any(String) }]);
  });

  it('is refused with 409 for more than the LP holds', async () => {
    const wo = await startedWorkOrder(world);
    const lp = await receivePlate(world, { qty: 2.5 });
    const problem = await refusedConsumption(wo.id, { licensePlateId: lp.id, qty: 2.500001 });
    expect(problem.detail).toMatch(/holds 2.5 kg/);
    expect(problem.errors).toMatchObject([{ path: 'qty', message: 'must be at most 2.5' }]);
  });

  it('is refused with 409 for an unusable LP: on hold, QA pending, expired, already consumed', async () => {
    const wo = await startedWorkOrder(world);
    const held = await receivePlate(world, { qty: 5 });
    expectStatus(await world.api.post(lpUrl(held.id, 'hold'), { reason: 'lab' }), 200, 'hold');
    expect((await refusedConsumption(wo.id, { licensePlateId: held.id, qty: 1 })).detail).toMatch(/QA status is hold/);
    const expired = await receivePlate(world, { qty: 5, expiryDate: daysFromToday(-3) });
    expect((await refusedConsumption(wo.id, { licensePlateId: expired.id, qty: 1 })).detail).toMatch(/expired on/);
    await updateSettings(world, { receiptQaRequired: true });
    const pending = await receivePlate(world, { qty: 5 });
    await updateSettings(world, { receiptQaRequired: false });
    expect((await refusedConsumption(wo.id, { licensePlateId: pending.id, qty: 1 })).detail).toMatch(/QA status is pending/);
    const empty = await receivePlate(world, { qty: 1 });
    await consume(world.api, wo.id, empty.id, 1);
    expect((await refusedConsumption(wo.id, { licensePlateId: empty.id, qty: 1 })).detail).toMatch(/status is consumed/);
    const missing = await world.api.post(workOrderUrl(wo.id, 'consumptions'), { licensePlateId: crypto.randomUUID(), qty: 1 });
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].path).toBe('licensePlateId');
    expect((await world.api.post(workOrderUrl(wo.id, 'consumptions'), { licensePlateId: held.id, qty: -1 })).status).toBe(400);
  });

  it('shows per material the usable stock now: available, released, unexpired', async () => {
    const own = await setupProduction(server);
    await receivePlate(own, { qty: 10 });
    await receivePlate(own, { qty: 2.25 });
    await receivePlate(own, { qty: 7, expiryDate: daysFromToday(-1) });
    const held = await receivePlate(own, { qty: 4 });
    expectStatus(await own.api.post(lpUrl(held.id, 'hold'), { reason: 'lab' }), 200, 'hold');
    const wo = await advance(own.api, (await createWorkOrder(own, { plannedQty: 10 })).id, ['release', 'start']);
    expect(material(wo, own.products.flour)).toEqual({ productId: own.products.flour, requiredQty: 6, consumedQty: 0, usableQty: 12.25, variancePercent: -100 });
    expect(material(wo, own.products.sugar)).toMatchObject({ usableQty: 0 });
  });
});

describe('reversal', () => {
  it('gives the qty back with a reverse ledger row and marks the consumption reversed, once', async () => {
    const wo = await startedWorkOrder(world, { plannedQty: 10 });
    const lp = await receivePlate(world, { qty: 4 });
    const consumption = await consume(world.api, wo.id, lp.id, 4);
    expect(await plate(lp.id)).toMatchObject({ qty: 0, status: 'consumed' });
    const reversed = expectStatus(await world.api.post(workOrderUrl(wo.id, `consumptions/${consumption.id}/reverse`), { reason: 'wrong pallet' }), 200, 'reverse');
    expect(reversed).toMatchObject({ id: consumption.id, qty: 4, reversed: true, reversedAt: expect.any(String) });
    expect(await plate(lp.id)).toMatchObject({ qty: 4, status: 'available' });
    const [last] = expectStatus(await world.api.get(lpUrl(lp.id, 'moves')), 200, 'moves').items;
    expect(last).toMatchObject({ type: 'reverse', qtyChange: 4, qtyAfter: 4, workOrderId: wo.id, reason: 'wrong pallet' });
    const after = await order(wo.id);
    expect(after.consumptions).toEqual([expect.objectContaining({ id: consumption.id, reversed: true })]);
    expect(material(after, world.products.flour).consumedQty).toBe(0);

    const otherOrder = await startedWorkOrder(world);
    const before = await productionFootprint(server, world.admin.orgId);
    const twice = await world.api.post(workOrderUrl(wo.id, `consumptions/${consumption.id}/reverse`), {});
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/already reversed/);
    expect((await world.api.post(workOrderUrl(wo.id, `consumptions/${crypto.randomUUID()}/reverse`), {})).status).toBe(404);
    expect((await world.api.post(workOrderUrl(otherOrder.id, `consumptions/${consumption.id}/reverse`), {})).status).toBe(404);
    expect((await world.api.post(workOrderUrl(wo.id, `consumptions/${consumption.id}/reverse`), { reason: '' })).status).toBe(400);
    expect(await productionFootprint(server, world.admin.orgId)).toEqual(before);
    const [row] = await sqlAsOwner<{ n: number }>(server, 'select count(*)::int as n from work_order_consumptions where id = $1', [consumption.id]);
    expect(row!.n).toBe(1);
  });

  it('is allowed on hold and after completion, not once the order is closed', async () => {
    const wo = await startedWorkOrder(world);
    const lp = await receivePlate(world, { qty: 5 });
    const first = await consume(world.api, wo.id, lp.id, 1);
    const second = await consume(world.api, wo.id, lp.id, 1);
    const third = await consume(world.api, wo.id, lp.id, 1);
    await advance(world.api, wo.id, ['hold']);
    expectStatus(await world.api.post(workOrderUrl(wo.id, `consumptions/${first.id}/reverse`)), 200, 'reverse on hold');
    await advance(world.api, wo.id, ['resume', 'complete']);
    expectStatus(await world.api.post(workOrderUrl(wo.id, `consumptions/${second.id}/reverse`)), 200, 'reverse completed');
    await advance(world.api, wo.id, ['close']);
    const closed = await world.api.post(workOrderUrl(wo.id, `consumptions/${third.id}/reverse`));
    expect(closed.status).toBe(409);
    expect(closed.body.detail).toMatch(/is closed/);
    expect(await plate(lp.id)).toMatchObject({ qty: 4 });
  });
});

describe('output', () => {
  it('makes an LP of the order product, lot = order number, expiry = today + shelf life, QA per setting; producedQty and yield follow', async () => {
    const wo = await startedWorkOrder(world, { plannedQty: 8 });
    const lp = await output(world.api, wo.id, { qty: 3, locationId: world.locations.storage });
    expect(lp).toMatchObject({ productId: world.products.bread, lot: wo.number, expiryDate: daysFromToday(5), qty: 3, uom: 'kg', status: 'available', qaStatus: 'released' });
    expect(lp.locationId).toBe(world.locations.storage);
    expect(await order(wo.id)).toMatchObject({ producedQty: 3, yieldPercent: 37.5, outputs: [expect.objectContaining({ licensePlateId: lp.id, number: lp.number, qty: 3, lot: wo.number })] });

    await updateSettings(world, { outputQaRequired: true });
    const pending = await output(world.api, wo.id, { qty: 5.5, locationId: world.locations.storage, lot: 'B-7', expiryDate: '2031-02-03' });
    await updateSettings(world, { outputQaRequired: false });
    expect(pending).toMatchObject({ lot: 'B-7', expiryDate: '2031-02-03', qaStatus: 'pending', qty: 5.5 });
    // Output beyond the plan is allowed: yield above 100 %.
    expect(await order(wo.id)).toMatchObject({ producedQty: 8.5, yieldPercent: 106.25 });
    const moves = expectStatus(await world.api.get(lpUrl(pending.id, 'moves')), 200, 'moves').items;
    expect(moves.map((m: any) => [m.type, m.qtyChange, m.workOrderId])).toEqual([['output', 5.5, wo.id]]);
  });

  it('is refused unless the order is in progress, and for an unknown location, writing nothing', async () => {
    const held = await advance(world.api, (await createWorkOrder(world)).id, ['release', 'start', 'hold']);
    const released = await advance(world.api, (await createWorkOrder(world)).id, ['release']);
    const running = await startedWorkOrder(world);
    const before = await productionFootprint(server, world.admin.orgId);
    for (const wo of [held, released]) {
      const refused = await world.api.post(workOrderUrl(wo.id, 'outputs'), { qty: 1, locationId: world.locations.storage });
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/output needs in_progress/);
    }
    const nowhere = await world.api.post(workOrderUrl(running.id, 'outputs'), { qty: 1, locationId: crypto.randomUUID() });
    expect(nowhere.status).toBe(404);
    expect((await world.api.post(workOrderUrl(running.id, 'outputs'), { qty: 0, locationId: world.locations.storage })).status).toBe(400);
    expect((await world.api.post(workOrderUrl(running.id, 'outputs'), { qty: 1, locationId: world.locations.storage, expiryDate: '0000-01-01' })).status).toBe(400);
    expect(await productionFootprint(server, world.admin.orgId)).toEqual(before);
  });
});

describe('genealogy', () => {
  it('links every output to every LP consumed and not given back, whichever came first', async () => {
    const wo = await startedWorkOrder(world);
    const [a, b, c] = [await receivePlate(world, { qty: 10 }), await receivePlate(world, { qty: 10 }), await receivePlate(world, { qty: 10, productId: world.products.sugar })];
    await consume(world.api, wo.id, a.id, 1);
    await consume(world.api, wo.id, a.id, 2);
    const fromB = await consume(world.api, wo.id, b.id, 4);
    const first = await output(world.api, wo.id, { qty: 5, locationId: world.locations.storage });
    const sort = (rows: { from: string; to: string; qty: string }[]) => [...rows].sort((x, y) => `${x.from}${x.to}`.localeCompare(`${y.from}${y.to}`));
    expect(await productionLinks(server, wo.id)).toEqual(sort([{ from: a.id, to: first.id, qty: '3' }, { from: b.id, to: first.id, qty: '4' }]));
    // Consumed after the first output: linked to it at once; A is already linked and stays linked once.
    await consume(world.api, wo.id, c.id, 0.5);
    await consume(world.api, wo.id, a.id, 1);
    expect(await productionLinks(server, wo.id)).toEqual(sort([{ from: a.id, to: first.id, qty: '3' }, { from: b.id, to: first.id, qty: '4' }, { from: c.id, to: first.id, qty: '0.5' }]));
    // B is given back: the next output does not descend from it.
    expectStatus(await world.api.post(workOrderUrl(wo.id, `consumptions/${fromB.id}/reverse`)), 200, 'reverse');
    const second = await output(world.api, wo.id, { qty: 5, locationId: world.locations.storage });
    const links = await productionLinks(server, wo.id);
    expect(links.filter((l) => l.to === second.id)).toEqual(sort([{ from: a.id, to: second.id, qty: '4' }, { from: c.id, to: second.id, qty: '0.5' }]));
    const [types] = await sqlAsOwner<{ types: string }>(server, 'select string_agg(distinct type, \',\') as types from lp_links where work_order_id = $1', [wo.id]);
    expect(types!.types).toBe('production');
    expect(await ledgerMismatches(server)).toEqual([]);
  });
});
