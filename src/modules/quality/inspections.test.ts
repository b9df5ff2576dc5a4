import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivePlates, setupInventory, updateSettings } from '../../../test/factories/inventory.js';
import { consume, output, setupProduction, startedWorkOrder, workOrderUrl, type ProductionWorld } from '../../../test/factories/production.js';
import { createSpecification, inspectionsOf, qualityFootprint, signedBy } from '../../../test/factories/quality.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: ProductionWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
  await createSpecification(world.api, world.products.flour);
});
afterAll(() => server.stop());

const url = (id: string, action?: string) => `/api/v1/inspections/${id}${action ? `/${action}` : ''}`;
const plateOf = async (id: string) => (await world.api.get(`/api/v1/license-plates/${id}`)).body;
const enter = (id: string, results: unknown[]) => world.api.post(url(id, 'results'), { results });
const complete = (id: string, signature = signedBy(world.admin, 'released after inspection')) => world.api.post(url(id, 'complete'), { signature });
const passing = [
  { parameterCode: 'moisture', value: 14.2 },
  { parameterCode: 'foreign_matter_absent', value: true },
];

/** Receives flour (which has an active receipt specification) and answers its plates and their inspection. */
async function receiveInspectedFlour(count = 2, lot?: string) {
  const plates = await receivePlates(world, { count, lot });
  const [inspection] = await inspectionsOf(world.api, plates[0].id);
  return { plates, inspection };
}

describe('automatic inspections', () => {
  it('receiving a product with an active receipt specification opens an inspection and holds its LPs pending, whatever the QA setting', async () => {
    const { plates, inspection } = await receiveInspectedFlour(2, 'L-AUTO');
    expect(plates.map((lp: any) => lp.qaStatus)).toEqual(['pending', 'pending']);
    expect(inspection).toMatchObject({ number: expect.stringMatching(/^QI-\d{6}$/), stage: 'receipt', origin: 'receipt', status: 'open', productId: world.products.flour, lot: 'L-AUTO', decision: null, results: [], ncrId: null });
    expect(inspection.licensePlateIds.sort()).toEqual(plates.map((lp: any) => lp.id).sort());
    const [sugar] = await receivePlates(world, { productId: world.products.sugar });
    expect(sugar.qaStatus).toBe('released');
    expect(await inspectionsOf(world.api, sugar.id)).toEqual([]);
  });

  it('recording output of a product with an active final specification opens an inspection for the new LP', async () => {
    await createSpecification(world.api, world.products.bread, { stage: 'final', name: 'Bread release', parameters: [{ code: 'core_temp', name: 'Core temperature', kind: 'numeric', min: 92, unit: '°C' }] });
    const order = await startedWorkOrder(world);
    const lp = await output(world.api, order.id, { qty: 5, locationId: world.locations.storage });
    expect(lp.qaStatus).toBe('pending');
    const [inspection] = await inspectionsOf(world.api, lp.id);
    expect(inspection).toMatchObject({ stage: 'final', origin: 'output', lot: order.number, licensePlateIds: [lp.id], status: 'open' });
  });

  it('a pending LP can be neither consumed nor shipped', async () => {
    const { plates } = await receiveInspectedFlour(1);
    const order = await startedWorkOrder(world);
    const consumption = await world.api.post(workOrderUrl(order.id, 'consumptions'), { licensePlateId: plates[0].id, qty: 1 });
    expect(consumption.status).toBe(409);
    const shipment = await world.api.post('/api/v1/shipments', { customerId: world.customerId, licensePlateIds: [plates[0].id] });
    expect(shipment.status).toBe(409);
    expect((await plateOf(plates[0].id)).qty).toBe(10);
  });
});

describe('results', () => {
  it('are judged against the limits as they are entered, and entered again replace the earlier one', async () => {
    const { inspection } = await receiveInspectedFlour(1);
    const first = await enter(inspection.id, [{ parameterCode: 'moisture', value: 15.5 }, { parameterCode: 'foreign_matter_absent', value: false }, { parameterCode: 'colour', value: 'cream' }]);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: any) => [r.parameterCode, r.value, r.passed])).toEqual([['moisture', 15.5, false], ['foreign_matter_absent', false, false], ['colour', 'cream', true]]);
    const again = await enter(inspection.id, [{ parameterCode: 'moisture', value: 15 }]);
    expect(again.body.results.map((r: any) => [r.parameterCode, r.value, r.passed])).toEqual([['moisture', 15, true], ['foreign_matter_absent', false, false], ['colour', 'cream', true]]);
  });

  it('of the wrong kind or for an unknown parameter are 400 naming the field, and nothing is recorded', async () => {
    const { inspection } = await receiveInspectedFlour(1);
    const before = await qualityFootprint(server, world.admin.orgId);
    const wrongKind = await enter(inspection.id, [{ parameterCode: 'moisture', value: 12 }, { parameterCode: 'foreign_matter_absent', value: 'none' }]);
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors).toMatchObject([{ path: 'results.1.value', message: expect.any(String) }]);
    const unknown = await enter(inspection.id, [{ parameterCode: 'gluten', value: 1 }]);
    expect(unknown.body.errors).toMatchObject([{ path: 'results.0.parameterCode', message: expect.any(String) }]);
    const twice = await enter(inspection.id, [{ parameterCode: 'moisture', value: 1 }, { parameterCode: 'moisture', value: 2 }]);
    expect(twice.body.errors).toMatchObject([{ path: 'results.1.parameterCode', message: expect.any(String) }]);
    expect(await qualityFootprint(server, world.admin.orgId)).toEqual(before);
  });
});

describe('completing an inspection is signed', () => {
  it('is 409 while a required parameter has no result, and changes nothing', async () => {
    const { inspection } = await receiveInspectedFlour(1);
    await enter(inspection.id, [passing[0]]);
    const before = await qualityFootprint(server, world.admin.orgId);
    const response = await complete(inspection.id);
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/foreign_matter_absent/);
    expect(response.body.detail).not.toMatch(/colour/);
    expect(await qualityFootprint(server, world.admin.orgId)).toEqual(before);
  });

  it('all passed: decision passed, the LPs are released, the signature is stored; then the inspection is locked', async () => {
    const { plates, inspection } = await receiveInspectedFlour(2);
    await enter(inspection.id, passing);
    const response = await complete(inspection.id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'completed', decision: 'passed', completedBy: world.admin.userId, ncrId: null });
    for (const lp of plates) {
      expect((await plateOf(lp.id)).qaStatus).toBe('released');
      expect((await world.api.get(`/api/v1/license-plates/${lp.id}/moves`)).body.items[0]).toMatchObject({ type: 'release', reason: `inspection ${inspection.number} passed` });
    }
    const signatures = (await world.api.get(`/api/v1/signatures?recordId=${inspection.id}`)).body.items;
    expect(signatures).toEqual([expect.objectContaining({ recordType: 'inspection', signerId: world.admin.userId, meaning: 'released after inspection' })]);
    expect((await enter(inspection.id, passing)).status).toBe(409);
    expect((await complete(inspection.id)).status).toBe(409);
    const consumed = await consume(world.api, (await startedWorkOrder(world)).id, plates[0].id, 1);
    expect(consumed.qty).toBe(1);
  });

  it('any failed: decision failed, the LPs on hold and an NCR opened for them, all in one transaction', async () => {
    const { plates, inspection } = await receiveInspectedFlour(2, 'L-WET');
    await enter(inspection.id, [{ parameterCode: 'moisture', value: 16.2 }, passing[1]]);
    const response = await complete(inspection.id, signedBy(world.admin, 'rejected: too wet'));
    expect(response.body).toMatchObject({ status: 'completed', decision: 'failed', ncrId: expect.any(String) });
    const ncr = (await world.api.get(`/api/v1/ncrs/${response.body.ncrId}`)).body;
    expect(ncr).toMatchObject({ status: 'open', severity: 'major', inspectionId: inspection.id, productId: world.products.flour, lot: 'L-WET', title: `Inspection ${inspection.number} failed` });
    expect(ncr.description).toMatch(/Moisture 16.2 % \(max 15 %\)/);
    expect(ncr.licensePlateIds.sort()).toEqual(plates.map((lp: any) => lp.id).sort());
    for (const lp of plates) expect((await plateOf(lp.id)).qaStatus).toBe('hold');
    expect((await world.api.get(`/api/v1/ncrs?inspectionId=${inspection.id}`)).body.items.map((item: any) => item.id)).toEqual([ncr.id]);
  });

  it('a wrong password changes nothing: no decision, no hold, no NCR, no number used', async () => {
    const { plates, inspection } = await receiveInspectedFlour(2);
    await enter(inspection.id, [{ parameterCode: 'moisture', value: 20 }, passing[1]]);
    const before = await qualityFootprint(server, world.admin.orgId);
    const response = await complete(inspection.id, { password: 'wrong password!', meaning: 'rejected' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toMatchObject([{ path: 'signature.password', message: expect.any(String) }]);
    expect(await qualityFootprint(server, world.admin.orgId)).toEqual(before);
    for (const lp of plates) expect((await plateOf(lp.id)).qaStatus).toBe('pending');
  });

  it('decides also a pending LP split off the lot since the inspection opened', async () => {
    const { plates, inspection } = await receiveInspectedFlour(1);
    const split = await world.api.post(`/api/v1/license-plates/${plates[0].id}/split`, { qty: 4 });
    expect(split.body.licensePlate.qaStatus).toBe('pending');
    await enter(inspection.id, passing);
    const completed = (await complete(inspection.id)).body;
    expect(completed.licensePlateIds).toContain(split.body.licensePlate.id);
    expect((await plateOf(split.body.licensePlate.id)).qaStatus).toBe('released');
  });

  it("leaves a second delivery of the same lot to its own inspection", async () => {
    const first = await receiveInspectedFlour(1, 'L-TWICE');
    const second = await receiveInspectedFlour(1, 'L-TWICE');
    expect(second.inspection.id).not.toBe(first.inspection.id);
    await enter(first.inspection.id, passing);
    expect((await complete(first.inspection.id)).body.licensePlateIds).toEqual([first.plates[0].id]);
    expect((await plateOf(first.plates[0].id)).qaStatus).toBe('released');
    expect((await plateOf(second.plates[0].id)).qaStatus).toBe('pending');
  });
});

describe('inspections by hand', () => {
  it('inspect any lot still in the plant against the active specification; their QA status waits for the decision', async () => {
    await updateSettings(world, {});
    const [sugar] = await receivePlates(world, { productId: world.products.sugar, lot: 'S-1' });
    expect((await world.api.post('/api/v1/inspections', { productId: world.products.sugar, lot: 'S-1' })).status).toBe(409);
    await createSpecification(world.api, world.products.sugar, { stage: 'in_process', name: 'Sugar check', parameters: [{ code: 'clumps_absent', name: 'No clumps', kind: 'boolean' }] });
    const created = await world.api.post('/api/v1/inspections', { productId: world.products.sugar, lot: 'S-1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ origin: 'manual', stage: 'in_process', licensePlateIds: [sugar.id], status: 'open' });
    expect((await plateOf(sugar.id)).qaStatus).toBe('released');
    await enter(created.body.id, [{ parameterCode: 'clumps_absent', value: false }]);
    expect((await complete(created.body.id)).body.decision).toBe('failed');
    expect((await plateOf(sugar.id)).qaStatus).toBe('hold');
    const none = await world.api.post('/api/v1/inspections', { productId: world.products.sugar, lot: 'NO-SUCH-LOT' });
    expect(none.status).toBe(409);
    expect(none.body.errors).toMatchObject([{ path: 'lot', message: expect.any(String) }]);
  });

  it('list by status and LP', async () => {
    const { inspection } = await receiveInspectedFlour(1);
    const open = (await world.api.get('/api/v1/inspections?status=open&limit=500')).body.items.map((item: any) => item.id);
    expect(open).toContain(inspection.id);
    const completed = (await world.api.get('/api/v1/inspections?status=completed&limit=500')).body.items;
    expect(completed.every((item: any) => item.status === 'completed')).toBe(true);
    expect(completed.map((item: any) => item.id)).not.toContain(inspection.id);
  });
});

describe("another organization's inspections", () => {
  it('answer 404 to read, results and complete, and change nothing', async () => {
    const { inspection } = await receiveInspectedFlour(1);
    const other = await setupInventory(server);
    expect((await other.api.get(url(inspection.id))).status).toBe(404);
    expect((await other.api.post(url(inspection.id, 'results'), { results: passing })).status).toBe(404);
    expect((await other.api.post(url(inspection.id, 'complete'), { signature: signedBy(other.admin) })).status).toBe(404);
    expect((await other.api.get(`/api/v1/inspections?licensePlateId=${inspection.licensePlateIds[0]}`)).body.items).toEqual([]);
    expect((await world.api.get(url(inspection.id))).body).toEqual(inspection);
  });
});
