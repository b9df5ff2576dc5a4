import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlAsOwner } from '../../../test/factories/inventory.js';
import { advance, createWorkOrder, expectStatus, setupProduction, workOrderUrl, type ProductionWorld } from '../../../test/factories/production.js';
import { createActiveBom, createProduct } from '../../../test/factories/technical.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: ProductionWorld;
let lineId: string;
/** milk bread: flour (gluten) and milk powder (milk); plain bread: flour only. */
const products: Record<string, string> = {};

const newLine = (body: Record<string, unknown> = {}, api = world.api) =>
  api.post('/api/v1/lines', { code: `L-${Math.random().toString(36).slice(2, 8)}`, name: 'Oven line', warehouseId: world.warehouseId, ...body });
const order = (product: string, body: Record<string, unknown> = {}) => createWorkOrder(world, { productId: products[product], plannedQty: 10, lineId, ...body });
const start = (id: string) => world.api.post(workOrderUrl(id, 'start'), {});
const signature = () => ({ password: world.admin.password, meaning: 'cleaning verified' });
const changeover = (body: Record<string, unknown> = {}, id = lineId, api = world.api) => api.post(`/api/v1/lines/${id}/changeovers`, { signature: signature(), ...body });

beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
  const flour = (await createProduct(world.api, { allergens: ['gluten'] })).id;
  const milk = (await createProduct(world.api, { name: 'Milk powder', allergens: ['milk'] })).id;
  for (const [name, items] of [['milkBread', [flour, milk]], ['plainBread', [flour]]] as const) {
    products[name] = (await createProduct(world.api, { name, type: 'finished' })).id;
    await createActiveBom(world.api, products[name]!, items.map((productId) => ({ productId, qty: 0.5 })));
  }
  lineId = expectStatus(await newLine(), 201, 'line').id;
});
afterAll(() => server.stop());

describe('production lines', () => {
  it('are master data: created, listed, read and changed; codes unique; bad input 400 naming the field', async () => {
    const created = expectStatus(await newLine({ code: 'LINE-A' }), 201, 'create');
    expect(created).toMatchObject({ code: 'LINE-A', name: 'Oven line', warehouseId: world.warehouseId, active: true });
    expect((await newLine({ code: 'LINE-A' })).status).toBe(409);
    const noName = await world.api.post('/api/v1/lines', { code: 'X', warehouseId: world.warehouseId });
    expect(noName.status).toBe(400);
    expect(noName.body.errors).toMatchObject([{ path: 'name', message: expect.any(String) }]);
    expect((await newLine({ warehouseId: '0190e0c8-0000-7000-8000-000000000000' })).status).toBe(404);
    expect(expectStatus(await world.api.patch(`/api/v1/lines/${created.id}`, { name: 'Renamed' }), 200, 'patch').name).toBe('Renamed');
    expect(expectStatus(await world.api.get('/api/v1/lines?search=LINE-A'), 200, 'list').items.map((line: any) => line.id)).toEqual([created.id]);
  });

  it('a work order names its line on create or by PATCH before it starts; an unknown line is 404 naming lineId', async () => {
    const wo = await order('plainBread', { lineId: undefined });
    expect(wo.lineId).toBeNull();
    expect(expectStatus(await world.api.patch(workOrderUrl(wo.id), { lineId }), 200, 'patch').lineId).toBe(lineId);
    const unknown = await world.api.post('/api/v1/work-orders', { productId: products.plainBread, plannedQty: 1, lineId: '0190e0c8-0000-7000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors).toMatchObject([{ path: 'lineId', message: expect.any(String) }]);
    await advance(world.api, wo.id, ['cancel']);
    const started = await advance(world.api, (await order('milkBread', { lineId: undefined })).id, ['release', 'start']);
    expect((await world.api.patch(workOrderUrl(started.id), { lineId })).status).toBe(409);
  });

  it('another organization sees neither the line nor its changeovers', async () => {
    const other = server.as((await server.signup()).accessToken);
    expect((await other.get(`/api/v1/lines/${lineId}`)).status).toBe(404);
    expect((await other.get(`/api/v1/lines/${lineId}/changeovers`)).status).toBe(404);
    expect((await other.post(`/api/v1/lines/${lineId}/changeovers`, { signature: { password: 'correct horse battery', meaning: 'x' } })).status).toBe(404);
    expect((await other.patch(`/api/v1/lines/${lineId}`, { name: 'mine' })).status).toBe(404);
  });
});

describe('allergen changeover', () => {
  it('refuses to start an order without an allergen the last one on the line had (409 naming it) until a signed changeover is recorded', async () => {
    const first = await order('milkBread');
    await advance(world.api, first.id, ['release', 'start', 'complete']);
    const second = await advance(world.api, (await order('plainBread')).id, ['release']);
    const refused = await start(second.id);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('milk');
    expect(refused.body.detail).not.toContain('gluten');
    expect(refused.body.errors).toMatchObject([{ path: 'lineId', message: expect.stringContaining('milk') }]);
    expect(expectStatus(await world.api.get(workOrderUrl(second.id)), 200, 'read').status).toBe('released');

    const wrong = await changeover({ signature: { password: 'not my password', meaning: 'cleaning verified' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toMatchObject([expect.objectContaining({ path: 'signature.password' })]);
    expect((await start(second.id)).status).toBe(409);

    const check = expectStatus(await changeover({ note: 'washed down, ATP swab 12 RLU' }), 201, 'changeover');
    expect(check).toMatchObject({ lineId, fromWorkOrderId: first.id, cleaningVerified: true, note: 'washed down, ATP swab 12 RLU', userId: world.admin.userId });
    expect(expectStatus(await start(second.id), 200, 'start').status).toBe('in_progress');
    const signatures = expectStatus(await world.api.get(`/api/v1/signatures?recordId=${check.id}`), 200, 'signatures').items;
    expect(signatures).toHaveLength(1);
    expect(expectStatus(await world.api.get(`/api/v1/lines/${lineId}/changeovers`), 200, 'list').items.map((item: any) => item.id)).toContain(check.id);
  });

  it('needs no changeover when the new order contains every allergen of the last one, or on another line', async () => {
    await advance(world.api, (await order('plainBread')).id, ['release', 'start', 'complete']);
    expect((await advance(world.api, (await order('milkBread')).id, ['release', 'start'])).status).toBe('in_progress');
    const otherLine = expectStatus(await newLine(), 201, 'line').id;
    expect((await advance(world.api, (await order('plainBread', { lineId: otherLine })).id, ['release', 'start'])).status).toBe('in_progress');
  });

  it('a changeover names only an order of its line', async () => {
    const elsewhere = await order('plainBread', { lineId: undefined });
    const refused = await changeover({ fromWorkOrderId: elsewhere.id });
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toMatchObject([{ path: 'fromWorkOrderId', message: expect.any(String) }]);
    const rows = await sqlAsOwner(server, 'select count(*)::int as n from line_changeovers where org_id = $1 and from_work_order_id = $2', [world.admin.orgId, elsewhere.id]);
    expect(rows).toEqual([{ n: 0 }]);
  });
});
