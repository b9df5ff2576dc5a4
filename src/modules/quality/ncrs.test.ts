import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivePlates, setupInventory, type InventoryWorld } from '../../../test/factories/inventory.js';
import { createNcr, qualityFootprint, signedBy } from '../../../test/factories/quality.js';
import { startTestServer, type Client, type TestServer } from '../../../test/server.js';
import { recordSha256 } from './canonical-json.js';

let server: TestServer;
let world: InventoryWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

const close = (id: string, body: Record<string, unknown>, api: Client = world.api) => api.post(`/api/v1/ncrs/${id}/close`, body);
const closing = (extra: Record<string, unknown> = {}) => ({ rootCause: 'Worn sieve at the mill', correctiveAction: 'Sieve replaced; supplier audited', signature: signedBy(world.admin, 'NCR closed'), ...extra });

describe('NCRs', () => {
  it('numbers NCR-000001 on per organization, opens them, and takes product and lot from LPs of one lot', async () => {
    const plates = await receivePlates(world, { count: 2, lot: 'L-NCR' });
    const first = await createNcr(world.api, { licensePlateIds: plates.map((lp: any) => lp.id), supplierId: world.supplierId });
    const second = await createNcr(world.api, { severity: 'critical' });
    expect(first).toMatchObject({ number: 'NCR-000001', status: 'open', severity: 'major', productId: world.products.flour, lot: 'L-NCR', supplierId: world.supplierId, closedAt: null });
    expect(first.licensePlateIds.sort()).toEqual(plates.map((lp: any) => lp.id).sort());
    expect(second).toMatchObject({ number: 'NCR-000002', productId: null, licensePlateIds: [] });
    const other = await setupInventory(server);
    expect((await createNcr(other.api)).number).toBe('NCR-000001');
    expect((await world.api.get(`/api/v1/ncrs/${first.id}`)).body).toEqual(first);
  });

  it('refuses bad input with 400 naming the field, unknown references with 404 naming it, and writes nothing', async () => {
    const before = await qualityFootprint(server, world.admin.orgId);
    const missingTitle = await world.api.post('/api/v1/ncrs', { description: 'x', severity: 'minor' });
    expect(missingTitle.status).toBe(400);
    expect(missingTitle.body.errors).toMatchObject([{ path: 'title', message: expect.any(String) }]);
    const badSeverity = await world.api.post('/api/v1/ncrs', { title: 't', description: 'x', severity: 'huge' });
    expect(badSeverity.body.errors.map((error: any) => error.path)).toEqual(['severity']);
    const unknownPlate = await world.api.post('/api/v1/ncrs', { title: 't', description: 'x', severity: 'minor', licensePlateIds: ['01930000-0000-7000-8000-000000000000'] });
    expect(unknownPlate.status).toBe(404);
    expect(unknownPlate.body.errors).toMatchObject([{ path: 'licensePlateIds.0', message: expect.any(String) }]);
    const unknownProduct = await world.api.post('/api/v1/ncrs', { title: 't', description: 'x', severity: 'minor', productId: '01930000-0000-7000-8000-000000000000' });
    expect(unknownProduct.body.errors).toMatchObject([{ path: 'productId', message: expect.any(String) }]);
    expect(await qualityFootprint(server, world.admin.orgId)).toEqual(before);
  });

  it('lists by state, oldest first, and counts by state with the oldest open one for the dashboard', async () => {
    const api = (await setupInventory(server)).api;
    const [a, b, c] = [await createNcr(api), await createNcr(api), await createNcr(api)];
    await api.patch(`/api/v1/ncrs/${b.id}`, { status: 'investigating' });
    expect((await api.get('/api/v1/ncrs?status=open')).body.items.map((ncr: any) => ncr.number)).toEqual([a.number, c.number]);
    expect((await api.get('/api/v1/ncrs')).body.items.map((ncr: any) => ncr.id)).toEqual([a.id, b.id, c.id]);
    expect((await api.get('/api/v1/ncrs/summary')).body).toEqual({ byStatus: { open: 2, investigating: 1, action: 0, closed: 0 }, oldestOpenAt: a.createdAt });
  });

  it('PATCH moves one step on (open → investigating → action) and edits fields; skipping or going back is 409', async () => {
    const ncr = await createNcr(world.api);
    expect((await world.api.patch(`/api/v1/ncrs/${ncr.id}`, { status: 'action' })).status).toBe(409);
    const investigating = await world.api.patch(`/api/v1/ncrs/${ncr.id}`, { status: 'investigating', severity: 'critical', rootCause: 'Under review' });
    expect(investigating.body).toMatchObject({ status: 'investigating', severity: 'critical', rootCause: 'Under review' });
    expect((await world.api.patch(`/api/v1/ncrs/${ncr.id}`, { status: 'action' })).body.status).toBe('action');
    expect((await world.api.patch(`/api/v1/ncrs/${ncr.id}`, { status: 'investigating' })).status).toBe(409);
    expect((await world.api.patch(`/api/v1/ncrs/${ncr.id}`, { status: 'closed' })).status).toBe(400);
  });
});

describe('closing an NCR is signed', () => {
  it('needs a root cause and a corrective action: 400 naming the one missing, and nothing changes', async () => {
    const ncr = await createNcr(world.api);
    const before = await qualityFootprint(server, world.admin.orgId);
    const noCause = await close(ncr.id, closing({ rootCause: undefined }));
    expect(noCause.status).toBe(400);
    expect(noCause.body.errors).toMatchObject([{ path: 'rootCause', message: expect.any(String) }]);
    const noAction = await close(ncr.id, closing({ correctiveAction: undefined }));
    expect(noAction.body.errors).toMatchObject([{ path: 'correctiveAction', message: expect.any(String) }]);
    const noSignature = await close(ncr.id, closing({ signature: undefined }));
    expect(noSignature.body.errors.map((error: any) => error.path)).toEqual(['signature']);
    expect(await qualityFootprint(server, world.admin.orgId)).toEqual(before);
  });

  it('a wrong password is 400 naming signature.password and changes nothing: no close, no signature, no audit row', async () => {
    const ncr = await createNcr(world.api);
    const before = await qualityFootprint(server, world.admin.orgId);
    const wrong = await close(ncr.id, closing({ signature: { password: 'not my password', meaning: 'NCR closed' } }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toMatchObject([{ path: 'signature.password', message: expect.any(String) }]);
    expect(await qualityFootprint(server, world.admin.orgId)).toEqual(before);
    expect((await world.api.get(`/api/v1/ncrs/${ncr.id}`)).body.status).toBe('open');
  });

  it('no one signs with another user\'s session: a quality user typing the admin\'s password is refused', async () => {
    const quality = await server.userWithRoles(world.admin, ['quality']);
    const ncr = await createNcr(world.api);
    const borrowed = await close(ncr.id, closing({ signature: signedBy(world.admin) }), server.as(quality.accessToken));
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.errors[0].path).toBe('signature.password');
    expect((await close(ncr.id, closing({ signature: signedBy(quality) }), server.as(quality.accessToken))).status).toBe(200);
  });

  it('stores who, when, the meaning and a SHA-256 of the NCR as closed; the audit trail shows it; then the NCR is locked (409)', async () => {
    const ncr = await createNcr(world.api);
    const closed = await close(ncr.id, closing());
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', rootCause: 'Worn sieve at the mill', closedBy: world.admin.userId, closedAt: expect.any(String) });
    const signatures = (await world.api.get(`/api/v1/signatures?recordId=${ncr.id}`)).body.items;
    expect(signatures).toEqual([
      {
        id: expect.any(String),
        recordType: 'ncr',
        recordId: ncr.id,
        signerId: world.admin.userId,
        signerName: 'Admin',
        signerEmail: world.admin.email,
        meaning: 'NCR closed',
        recordSha256: recordSha256(closed.body),
        signedAt: expect.any(String),
      },
    ]);
    const audit = (await world.api.get(`/api/v1/audit?table=signatures&recordId=${signatures[0].id}`)).body.items;
    expect(audit).toEqual([expect.objectContaining({ action: 'INSERT', userId: world.admin.userId, newData: expect.objectContaining({ record_id: ncr.id, meaning: 'NCR closed' }) })]);
    expect((await world.api.patch(`/api/v1/ncrs/${ncr.id}`, { title: 'Rewritten' })).status).toBe(409);
    expect((await close(ncr.id, closing())).status).toBe(409);
    expect((await world.api.get(`/api/v1/ncrs/${ncr.id}`)).body).toEqual(closed.body);
  });
});

describe('NCRs of another organization', () => {
  it('answer 404 to read, change and close, and change nothing', async () => {
    const ncr = await createNcr(world.api);
    const other = server.as((await server.signup()).accessToken);
    expect((await other.get(`/api/v1/ncrs/${ncr.id}`)).status).toBe(404);
    expect((await other.patch(`/api/v1/ncrs/${ncr.id}`, { title: 'Taken over' })).status).toBe(404);
    expect((await other.get(`/api/v1/signatures?recordId=${ncr.id}`)).body.items).toEqual([]);
    expect((await world.api.get(`/api/v1/ncrs/${ncr.id}`)).body).toEqual(ncr);
  });

  it('need quality rights: a viewer reads, cannot raise or close', async () => {
    const viewer = server.as((await server.userWithRoles(world.admin, ['viewer'])).accessToken);
    const ncr = await createNcr(world.api);
    expect((await viewer.get(`/api/v1/ncrs/${ncr.id}`)).status).toBe(200);
    expect((await viewer.post('/api/v1/ncrs', { title: 't', description: 'x', severity: 'minor' })).status).toBe(403);
    expect((await close(ncr.id, closing(), viewer)).status).toBe(403);
  });
});
