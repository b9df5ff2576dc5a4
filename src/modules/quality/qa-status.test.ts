import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsAbout, inventoryFootprint, receivePlate, setupInventory, updateSettings, type InventoryWorld } from '../../../test/factories/inventory.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: InventoryWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

const action = (id: string, name: string, body?: unknown, api = world.api) => api.post(`/api/v1/license-plates/${id}/${name}`, body);

describe('QA decisions', () => {
  it('hold, release and reject change qaStatus, each with a ledger row of qtyChange 0 and its reason', async () => {
    const lp = await receivePlate(world, { qty: 4 });
    expect((await action(lp.id, 'hold', { reason: 'metal detector alarm' })).body).toMatchObject({ qaStatus: 'hold', qty: 4 });
    expect((await action(lp.id, 'release', { reason: 'retested ok' })).body.qaStatus).toBe('released');
    expect((await action(lp.id, 'reject')).body.qaStatus).toBe('rejected');
    const moves = (await world.api.get(`/api/v1/license-plates/${lp.id}/moves`)).body.items;
    expect(moves.map((m: any) => [m.type, m.qtyChange, m.qtyAfter, m.reason])).toEqual([
      ['reject', 0, 4, null],
      ['release', 0, 4, 'retested ok'],
      ['hold', 0, 4, 'metal detector alarm'],
      ['receipt', 4, 4, expect.stringMatching(/^GRN-/)],
    ]);
    const events = (await eventsAbout(server, lp.id)).filter((event) => event.type === 'license_plate.qa_changed');
    expect(events.map((event) => event.payload)).toEqual(['hold', 'released', 'rejected'].map((qaStatus) => ({ id: lp.id, number: lp.number, qaStatus })));
  });

  it('releases pending stock received under the receipt QA rule', async () => {
    await updateSettings(world, { receiptQaRequired: true });
    try {
      const lp = await receivePlate(world);
      expect(lp.qaStatus).toBe('pending');
      expect((await action(lp.id, 'release')).body.qaStatus).toBe('released');
    } finally {
      await updateSettings(world, { receiptQaRequired: false });
    }
  });

  it('refuses illegal transitions with 409 and writes nothing: rejected is final, hold twice, release of released', async () => {
    const lp = await receivePlate(world);
    const before = await inventoryFootprint(server, world.admin.orgId);
    expect((await action(lp.id, 'release')).status).toBe(409);
    await action(lp.id, 'hold', { reason: 'x' });
    const twice = await action(lp.id, 'hold', { reason: 'again' });
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/QA hold/);
    await action(lp.id, 'reject', { reason: 'contaminated' });
    const mid = await inventoryFootprint(server, world.admin.orgId);
    expect(Number(mid.moves)).toBe(Number(before.moves) + 2);
    for (const name of ['hold', 'release', 'reject']) expect((await action(lp.id, name, { reason: 'x' })).status).toBe(409);
    expect(await inventoryFootprint(server, world.admin.orgId)).toEqual(mid);
  });

  it('needs a reason to hold', async () => {
    const lp = await receivePlate(world);
    const response = await action(lp.id, 'hold', {});
    expect(response.status).toBe(400);
    expect(response.body.errors).toMatchObject([{ path: 'reason', message: expect.any(String) }]);
  });

  it('refuses decisions on stock that is no longer available', async () => {
    const [target, source] = await Promise.all([receivePlate(world, { lot: 'SAME' }), receivePlate(world, { lot: 'SAME' })]);
    await world.api.post('/api/v1/license-plates/merge', { targetId: target.id, sourceIds: [source.id] });
    expect((await action(source.id, 'hold', { reason: 'x' })).status).toBe(409);
  });

  it('need quality write: a warehouse user cannot, a quality user can', async () => {
    const lp = await receivePlate(world);
    const warehouse = server.as((await server.userWithRoles(world.admin, ['warehouse'])).accessToken);
    const quality = server.as((await server.userWithRoles(world.admin, ['quality'])).accessToken);
    expect((await action(lp.id, 'hold', { reason: 'x' }, warehouse)).status).toBe(403);
    expect((await action(lp.id, 'reject', undefined, warehouse)).status).toBe(403);
    expect((await action(lp.id, 'hold', { reason: 'x' }, quality)).status).toBe(200);
    expect((await action(lp.id, 'release', undefined, quality)).status).toBe(200);
  });
});
