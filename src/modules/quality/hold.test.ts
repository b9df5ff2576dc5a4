import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsAbout, inventoryFootprint, receivePlate, receivePlates } from '../../../test/factories/inventory.js';
import { advance, consume, createWorkOrder, expectStatus, output, productMadeOf, setupProduction, type ProductionWorld } from '../../../test/factories/production.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: ProductionWorld;

/**
 * Flour lot F (three LPs; one shipped) makes dough D1 (WO), D1 is split into D1 and D1s, D1
 * makes bread B1 and B2 (WO); B2 ships, D1s is consumed whole into B3. Beside it flour lot G
 * makes dough D2: noise no hold of F may touch.
 */
const story: Record<string, any> = {};
const id = (name: string) => story[name].id as string;
const sorted = (ids: string[]) => [...ids].sort();

async function make(productId: string, bomId: string, inputs: [string, number][], outputs: number[]) {
  const wo = await advance(world.api, (await createWorkOrder(world, { productId, bomId, plannedQty: 50 })).id, ['release', 'start']);
  for (const [plate, qty] of inputs) await consume(world.api, wo.id, plate, qty);
  const made = [];
  for (const qty of outputs) made.push(await output(world.api, wo.id, { qty, locationId: world.locations.storage }));
  return made;
}

const ship = async (plates: string[]) => expectStatus(await world.api.post('/api/v1/shipments', { customerId: world.customerId, licensePlateIds: plates }), 201, 'ship');
const plate = async (name: string) => expectStatus(await world.api.get(`/api/v1/license-plates/${id(name)}`), 200, 'get plate');
const hold = (body: Record<string, unknown>, api = world.api) => api.post('/api/v1/holds', { productId: world.products.flour, reason: 'salmonella suspected', ...body });

beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
  const { flour, sugar } = world.products;
  const dough = await productMadeOf(world.api, [{ productId: flour, qty: 0.5 }, { productId: sugar, qty: 0.1 }]);
  const bread = await productMadeOf(world.api, [{ productId: dough.productId, qty: 1 }]);
  [story.Fa, story.Fb, story.Fc] = await receivePlates(world, { lot: 'F', qty: 30, count: 3 });
  story.G = await receivePlate(world, { lot: 'G', qty: 30 });
  story.S = await receivePlate(world, { productId: sugar, lot: 'S', qty: 30 });
  [story.D1] = await make(dough.productId, dough.bomId, [[id('Fa'), 25], [id('S'), 5]], [50]);
  story.D1s = expectStatus(await world.api.post(`/api/v1/license-plates/${id('D1')}/split`, { qty: 10 }), 201, 'split').licensePlate;
  [story.B1, story.B2] = await make(bread.productId, bread.bomId, [[id('D1'), 40]], [20, 20]);
  [story.B3] = await make(bread.productId, bread.bomId, [[id('D1s'), 10]], [10]);
  [story.D2] = await make(dough.productId, dough.bomId, [[id('G'), 10]], [10]);
  await ship([id('Fc'), id('B2')]);
});
afterAll(() => server.stop());

describe('POST /holds', () => {
  it('with includeDerived holds exactly the forward closure of the lot that is still in the plant, as the trace finds it', async () => {
    const trace = expectStatus(await world.api.get(`/api/v1/trace/forward?productId=${world.products.flour}&lot=F`), 200, 'trace');
    const inPlant = trace.licensePlates.filter((lp: any) => lp.status === 'available').map((lp: any) => lp.id);
    // D1 and D1s were consumed whole, Fc and B2 shipped: none of them is in the plant.
    expect(sorted(inPlant)).toEqual(sorted(['Fa', 'Fb', 'B1', 'B3'].map(id)));
    const response = await hold({ lot: 'F', includeDerived: true });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ id: expect.any(String), number: expect.stringMatching(/^HOLD-\d{6}$/), status: 'open', includeDerived: true });
    expect(sorted(response.body.licensePlateIds)).toEqual(sorted(inPlant));
    for (const name of ['Fa', 'Fb', 'B1', 'B3']) expect((await plate(name)).qaStatus).toBe('hold');
    for (const name of ['Fc', 'B2', 'G', 'D2', 'S', 'D1', 'D1s']) expect((await plate(name)).qaStatus).toBe('released');
    const events = (await eventsAbout(server, id('B3'))).filter((event) => event.type === 'license_plate.updated');
    expect(events.map((event) => event.payload)).toEqual([{ id: id('B3'), number: story.B3.number, status: 'available', qaStatus: 'hold' }]);
    const moves = expectStatus(await world.api.get(`/api/v1/license-plates/${id('B1')}/moves`), 200, 'moves').items;
    expect(moves[0]).toMatchObject({ type: 'hold', qtyChange: 0, qtyAfter: 20, reason: `${response.body.number}: salmonella suspected` });
    const read = expectStatus(await world.api.get(`/api/v1/holds/${response.body.id}`), 200, 'get hold');
    expect(sorted(read.licensePlateIds)).toEqual(sorted(inPlant));
    expect(read.licensePlateCount).toBe(4);
  });

  it('without includeDerived holds only the lot itself', async () => {
    const response = await hold({ lot: 'G' });
    expect(response.status).toBe(201);
    expect(response.body.licensePlateIds).toEqual([id('G')]);
    expect((await plate('D2')).qaStatus).toBe('released');
    const list = expectStatus(await world.api.get(`/api/v1/holds?status=open&lot=G`), 200, 'list');
    expect(list.items.map((item: any) => item.id)).toEqual([response.body.id]);
  });

  it('refuses bad input with 400 naming the field, an unknown product or lot with 404, and writes nothing', async () => {
    const before = await inventoryFootprint(server, world.admin.orgId);
    const noReason = await world.api.post('/api/v1/holds', { productId: world.products.flour, lot: 'F' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([{ path: 'reason', message: expect.any(String) }]);
    expect((await hold({ lot: 'F', includeDerived: 'yes' })).body.errors).toEqual([{ path: 'includeDerived', message: expect.any(String) }]);
    const noLot = await hold({ lot: 'NOPE' });
    expect(noLot.status).toBe(404);
    expect(noLot.body.errors).toEqual([{ path: 'lot', message: expect.any(String) }]);
    expect((await hold({ lot: 'F', productId: '0190e0c8-0000-7000-8000-000000000000' })).status).toBe(404);
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
  });

  it('needs quality write; another organization sees neither the lot nor the hold', async () => {
    const warehouse = server.as((await server.userWithRoles(world.admin, ['warehouse'])).accessToken);
    expect((await hold({ lot: 'G' }, warehouse)).status).toBe(403);
    const [mine] = expectStatus(await world.api.get('/api/v1/holds?lot=G'), 200, 'list').items;
    const other = server.as((await server.signup()).accessToken);
    expect((await other.get(`/api/v1/holds/${mine.id}`)).status).toBe(404);
    expect((await other.post(`/api/v1/holds/${mine.id}/release`, { reason: 'x', signature: { password: 'correct horse battery', meaning: 'approval' } })).status).toBe(404);
    expect((await hold({ lot: 'G' }, other)).status).toBe(404);
    expect((await other.get('/api/v1/holds')).body.items).toEqual([]);
  });
});
