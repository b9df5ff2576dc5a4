import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivePlate, type InventoryWorld } from '../../../test/factories/inventory.js';
import { startedWorkOrder, setupProduction, workOrderUrl, type ProductionWorld } from '../../../test/factories/production.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { AppError, problemOf } from './errors.js';

// Every 4xx problem carries a stable code and the values its message names (API.md, "error
// codes"), so that the web app can say it in the user's language.

let server: TestServer;
let world: ProductionWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
});
afterAll(() => server.stop());

describe('problem codes and params', () => {
  it('a held plate refused for consumption names why: license_plate_not_usable with its number and QA status', async () => {
    const order = await startedWorkOrder(world);
    const lp = await receivePlate(world as InventoryWorld, { productId: world.products.flour, qty: 5 });
    expect((await world.api.post(`/api/v1/license-plates/${lp.id}/hold`, { reason: 'metal detector' })).status).toBe(200);
    const refused = await world.api.post(workOrderUrl(order.id, 'consumptions'), { licensePlateId: lp.id, qty: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'license_plate_not_usable', params: { number: lp.number, qaStatus: 'hold' } });
    expect(refused.body.params).not.toHaveProperty('status');
    expect(refused.body.errors).toEqual([
      { path: 'licensePlateId', message: 'QA status is hold, not released', code: 'license_plate_not_usable', params: { number: lp.number, qaStatus: 'hold' } },
    ]);
  });

  it('more than a plate holds is insufficient_quantity, its qty field too_big with the maximum', async () => {
    const order = await startedWorkOrder(world);
    const lp = await receivePlate(world as InventoryWorld, { productId: world.products.flour, qty: 40.4 });
    const refused = await world.api.post(workOrderUrl(order.id, 'consumptions'), { licensePlateId: lp.id, qty: 50 });
    expect(refused.body).toMatchObject({ status: 409, code: 'insufficient_quantity', params: { number: lp.number, held: 40.4, uom: 'kg', qty: 50 } });
    expect(refused.body.errors).toEqual([{ path: 'qty', message: 'must be at most 40.4', code: 'too_big', params: { maximum: 40.4, inclusive: true } }]);
  });

  it('a schema refusal carries Zod\'s issue code and its values on each field', async () => {
    const refused = await world.api.patch('/api/v1/settings', { overReceiptTolerancePercent: 5000 });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('validation');
    expect(refused.body.errors).toEqual([{ path: 'overReceiptTolerancePercent', message: 'must be at most 1000', code: 'too_big', params: expect.objectContaining({ maximum: 1000 }) }]);
    const unknownField = await world.api.patch('/api/v1/settings', { noSuchSetting: 1 });
    expect(unknownField.body.errors).toEqual([{ path: 'noSuchSetting', message: 'unknown field', code: 'unknown_field', params: { field: 'noSuchSetting' } }]);
  });

  it('a missing record is not_found naming the entity; a missing route route_not_found', async () => {
    const missing = await world.api.get('/api/v1/license-plates/00000000-0000-7000-8000-000000000000');
    expect(missing.body).toMatchObject({ status: 404, code: 'not_found', params: { entity: 'license_plate' } });
    const noRoute = await world.api.get('/api/v1/no-such-thing');
    expect(noRoute.body).toMatchObject({ status: 404, code: 'route_not_found', params: { method: 'GET', path: '/api/v1/no-such-thing' } });
  });

  it('a taken code is duplicate_code; a refused transition invalid_transition with both states', async () => {
    const code = `DUP-${Date.now()}`;
    expect((await world.api.post('/api/v1/products', { code, name: 'Rye', type: 'raw', uom: 'kg' })).status).toBe(201);
    const duplicate = await world.api.post('/api/v1/products', { code, name: 'Rye again', type: 'raw', uom: 'kg' });
    expect(duplicate.body).toMatchObject({ status: 409, code: 'duplicate_code', params: { entity: 'product', code } });
    expect(duplicate.body.errors).toEqual([{ path: 'code', message: 'already exists', code: 'duplicate_code', params: { entity: 'product', code } }]);
    const order = await startedWorkOrder(world);
    const again = await world.api.post(workOrderUrl(order.id, 'release'), {});
    expect(again.body).toMatchObject({ status: 409, code: 'invalid_transition', params: { entity: 'work_order', number: order.number, status: 'in_progress', action: 'release' } });
  });

  it('an error thrown the old way still carries the default code of its kind', async () => {
    expect(problemOf(new AppError('CONFLICT', 'x'), '/')).toMatchObject({ code: 'conflict', params: {} });
    expect(problemOf(new AppError('NOT_FOUND', 'x', [{ path: 'a', message: 'b' }]), '/')).toMatchObject({ code: 'not_found', errors: [{ path: 'a', message: 'b', code: 'not_found', params: {} }] });
    expect(problemOf(new AppError('INVALID_STATE', 'x'), '/').code).toBe('invalid_state');
    expect(problemOf(AppError.coded('INVALID_STATE', 'license_plate_not_usable', { number: 'LP1' }, 'x', [{ path: 'p', message: 'm' }]), '/').errors).toEqual([
      { path: 'p', message: 'm', code: 'license_plate_not_usable', params: { number: 'LP1' } },
    ]);
    const unauthenticated = await server.request({ method: 'GET', url: '/api/v1/warehouses' });
    expect(unauthenticated.body).toMatchObject({ status: 401, code: 'unauthenticated', params: {} });
  });
});
