import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsAbout, inventoryFootprint, receivePlate, receivePlates, updateSettings } from '../../../test/factories/inventory.js';
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
    expect(noReason.body.errors).toMatchObject([{ path: 'reason', message: expect.any(String) }]);
    expect((await hold({ lot: 'F', includeDerived: 'yes' })).body.errors).toMatchObject([{ path: 'includeDerived', message: expect.any(String) }]);
    const noLot = await hold({ lot: 'NOPE' });
    expect(noLot.status).toBe(404);
    expect(noLot.body.errors).toMatchObject([{ path: 'lot', message: expect.any(String) }]);
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

const signature = (password = world.admin.password) => ({ password, meaning: 'QA release approved' });
const release = (holdId: string, body: Record<string, unknown> = {}) => world.api.post(`/api/v1/holds/${holdId}/release`, { reason: 'lab results negative', signature: signature(), ...body });
const qaOf = async (plateId: string) => expectStatus(await world.api.get(`/api/v1/license-plates/${plateId}`), 200, 'plate').qaStatus;
const holdOf = async (lot: string) => expectStatus(await hold({ lot }), 201, 'hold');

describe('POST /holds/:id/release (signed)', () => {
  it('a wrong signature password is 400 naming signature.password and changes nothing', async () => {
    const [lp] = await receivePlates(world, { lot: 'W' });
    const placed = await holdOf('W');
    const before = await inventoryFootprint(server, world.admin.orgId);
    const wrong = await release(placed.id, { signature: signature('not my password at all') });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toMatchObject([expect.objectContaining({ path: 'signature.password' })]);
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(before);
    expect(expectStatus(await world.api.get(`/api/v1/holds/${placed.id}`), 200, 'hold').status).toBe('open');
    expect(await qaOf(lp.id)).toBe('hold');
    expect(expectStatus(await world.api.get(`/api/v1/signatures?recordId=${placed.id}`), 200, 'signatures').items).toEqual([]);
  });

  it('releases the LPs it held, back to what they were, signed; a second release is 409', async () => {
    await updateSettings(world, { receiptQaRequired: true });
    const [pending] = await receivePlates(world, { lot: 'R' }).finally(() => updateSettings(world, { receiptQaRequired: false }));
    const [released] = await receivePlates(world, { lot: 'R' });
    const placed = await holdOf('R');
    const answer = expectStatus(await release(placed.id), 200, 'release');
    expect(answer).toMatchObject({ status: 'released', releaseReason: 'lab results negative', releasedBy: world.admin.userId });
    expect(sorted(answer.releasedLicensePlateIds)).toEqual(sorted([pending.id, released.id]));
    expect([await qaOf(pending.id), await qaOf(released.id)]).toEqual(['pending', 'released']);
    const moves = expectStatus(await world.api.get(`/api/v1/license-plates/${released.id}/moves`), 200, 'moves').items;
    expect(moves.slice(0, 2).map((move: any) => move.type)).toEqual(['release', 'hold']);
    const events = (await eventsAbout(server, released.id)).filter((event) => event.type === 'license_plate.updated').map((event) => event.payload.qaStatus);
    expect(events).toEqual(['hold', 'released']);
    const signatures = expectStatus(await world.api.get(`/api/v1/signatures?recordId=${placed.id}`), 200, 'signatures').items;
    expect(signatures).toEqual([expect.objectContaining({ meaning: 'QA release approved', signerId: world.admin.userId })]);
    expect((await release(placed.id)).status).toBe(409);
  });

  it('an LP also held by another open hold stays held until that one is released too', async () => {
    const [lp] = await receivePlates(world, { lot: 'T' });
    const first = await holdOf('T');
    const second = await holdOf('T');
    expect(second.licensePlateIds).toEqual([lp.id]);
    expect(expectStatus(await release(first.id), 200, 'release first').releasedLicensePlateIds).toEqual([]);
    expect(await qaOf(lp.id)).toBe('hold');
    expect(expectStatus(await release(second.id), 200, 'release second').releasedLicensePlateIds).toEqual([lp.id]);
    expect(await qaOf(lp.id)).toBe('released');
  });

  it('two holds over the same LPs released at the same time: held until both are released, then released', async () => {
    for (let round = 0; round < 3; round++) {
      const plates = await receivePlates(world, { lot: `C${round}`, count: 3 });
      const [a, b] = [await holdOf(`C${round}`), await holdOf(`C${round}`)];
      const answers = await Promise.all([release(a.id), release(b.id)]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      const freed = answers.flatMap((answer) => answer.body.releasedLicensePlateIds);
      expect(sorted(freed)).toEqual(sorted(plates.map((plate: any) => plate.id)));
      for (const plate of plates) expect(await qaOf(plate.id)).toBe('released');
    }
  });

  it('an LP held by hand before the hold stays held after it', async () => {
    const [byHand, other] = await receivePlates(world, { lot: 'M', count: 2 });
    expectStatus(await world.api.post(`/api/v1/license-plates/${byHand.id}/hold`, { reason: 'damaged wrap' }), 200, 'hold by hand');
    const placed = await holdOf('M');
    expect(sorted(placed.licensePlateIds)).toEqual(sorted([byHand.id, other.id]));
    expect(expectStatus(await release(placed.id), 200, 'release').releasedLicensePlateIds).toEqual([other.id]);
    expect([await qaOf(byHand.id), await qaOf(other.id)]).toEqual(['hold', 'released']);
  });
});
