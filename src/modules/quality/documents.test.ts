import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivePlate, receivePlates, setupInventory, sqlAsOwner, type InventoryWorld } from '../../../test/factories/inventory.js';
import { fileOf, multipartBody, type FilePart } from '../../../test/factories/quality.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: InventoryWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const upload = (licensePlateId: string, files: FilePart[], fields: Record<string, string> = { kind: 'coa' }, session: Session = world.admin, headers: Record<string, string> = {}) => {
  const body = multipartBody(fields, files);
  return server.request({ method: 'POST', url: `/api/v1/license-plates/${licensePlateId}/documents`, payload: body.payload, headers: { ...body.headers, ...headers }, token: session.accessToken });
};
const download = (id: string, session: Session = world.admin) => server.request({ method: 'GET', url: `/api/v1/documents/${id}`, token: session.accessToken });
const documentCount = async () => Number((await sqlAsOwner<{ n: string }>(server, 'select count(*)::text as n from documents where org_id = $1', [world.admin.orgId]))[0]!.n);

describe('documents on license plates', () => {
  it('stores a certificate of analysis with its SHA-256 and serves it back byte for byte', async () => {
    const lp = await receivePlate(world);
    const content = fileOf.pdf(4321);
    const response = await upload(lp.id, [{ fileName: 'CoA flour.pdf', type: 'application/pdf', content }]);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ id: expect.any(String), licensePlateId: lp.id, fileName: 'CoA flour.pdf', kind: 'coa', contentType: 'application/pdf', size: 4321, sha256: sha256(content) });
    const file = await server.app.inject({ method: 'GET', url: `/api/v1/documents/${response.body.id}`, headers: { authorization: `Bearer ${world.admin.accessToken}` } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe("attachment; filename*=UTF-8''CoA%20flour.pdf");
    expect(sha256(file.rawPayload)).toBe(sha256(content));
  });

  it("an LP's list shows the documents of its lot's other LPs too, and no other lot's", async () => {
    const [a, b] = await receivePlates(world, { count: 2, lot: 'L-DOCS' });
    const other = await receivePlate(world, { lot: 'L-OTHER' });
    const coa = (await upload(a.id, [{ fileName: 'coa.pdf', type: 'application/pdf', content: fileOf.pdf() }])).body;
    const photo = (await upload(b.id, [{ fileName: 'pallet.jpg', type: 'image/jpeg', content: fileOf.jpeg() }], { kind: 'photo' })).body;
    await upload(other.id, [{ fileName: 'x.png', type: 'image/png', content: fileOf.png() }], { kind: 'other' });
    const listOf = async (id: string) => (await world.api.get(`/api/v1/license-plates/${id}/documents`)).body.items.map((doc: any) => doc.id);
    expect(await listOf(a.id)).toEqual([coa.id, photo.id]);
    expect(await listOf(b.id)).toEqual([coa.id, photo.id]);
    expect(await listOf(other.id)).not.toContain(coa.id);
  });

  it('checks the type by the bytes, not the declared type: 400 naming file, and nothing is stored', async () => {
    const lp = await receivePlate(world);
    const before = await documentCount();
    const text = await upload(lp.id, [{ fileName: 'coa.pdf', type: 'application/pdf', content: Buffer.from('just text pretending to be a PDF') }]);
    expect(text.status).toBe(400);
    expect(text.body.errors).toMatchObject([{ path: 'file', message: expect.any(String) }]);
    const mislabelled = await upload(lp.id, [{ fileName: 'photo.pdf', type: 'application/pdf', content: fileOf.png() }]);
    expect(mislabelled.status).toBe(400);
    expect(mislabelled.body.errors[0].path).toBe('file');
    const exe = await upload(lp.id, [{ fileName: 'tool.exe', type: 'application/octet-stream', content: Buffer.from('MZ\x90\x00') }]);
    expect(exe.body.errors[0].path).toBe('file');
    expect(await documentCount()).toBe(before);
  });

  it('refuses more than 10 MB with 413 naming file, a missing file or kind with 400 naming it, and two files', async () => {
    const lp = await receivePlate(world);
    const before = await documentCount();
    const large = await upload(lp.id, [{ fileName: 'big.pdf', type: 'application/pdf', content: fileOf.pdf(10 * 1024 * 1024 + 1) }]);
    expect(large.status).toBe(413);
    expect(large.body.errors).toMatchObject([{ path: 'file', message: expect.any(String) }]);
    expect((await upload(lp.id, [{ fileName: 'max.pdf', type: 'application/pdf', content: fileOf.pdf(10 * 1024 * 1024) }])).status).toBe(201);
    expect((await upload(lp.id, [])).body.errors).toMatchObject([{ path: 'file', message: expect.any(String) }]);
    expect((await upload(lp.id, [{ fileName: 'a.pdf', type: 'application/pdf', content: fileOf.pdf() }], {})).body.errors).toMatchObject([{ path: 'kind', message: expect.any(String) }]);
    expect((await upload(lp.id, [{ fileName: 'a.pdf', type: 'application/pdf', content: fileOf.pdf() }], { kind: 'invoice' })).body.errors[0].path).toBe('kind');
    const two = await upload(lp.id, [{ fileName: 'a.pdf', type: 'application/pdf', content: fileOf.pdf() }, { fileName: 'b.pdf', type: 'application/pdf', content: fileOf.pdf() }]);
    expect(two.status).toBe(400);
    expect(two.body.errors[0].path).toBe('file');
    const json = await world.api.post(`/api/v1/license-plates/${lp.id}/documents`, { kind: 'coa' });
    expect(json.status).toBe(415);
    expect(await documentCount()).toBe(before + 1);
  }, 60_000);

  it('honours Idempotency-Key: the same file once, another file under the same key 409', async () => {
    const lp = await receivePlate(world);
    const headers = { 'idempotency-key': `doc-${lp.id}` };
    const first = await upload(lp.id, [{ fileName: 'coa.pdf', type: 'application/pdf', content: fileOf.pdf(100) }], { kind: 'coa' }, world.admin, headers);
    const again = await upload(lp.id, [{ fileName: 'coa.pdf', type: 'application/pdf', content: fileOf.pdf(100) }], { kind: 'coa' }, world.admin, headers);
    expect(again.body).toEqual(first.body);
    const other = await upload(lp.id, [{ fileName: 'coa.pdf', type: 'application/pdf', content: fileOf.pdf(101) }], { kind: 'coa' }, world.admin, headers);
    expect(other.status).toBe(409);
    expect((await world.api.get(`/api/v1/license-plates/${lp.id}/documents`)).body.items).toHaveLength(1);
  });

  it("another organization's document and LP answer 404, and a viewer may read but not upload", async () => {
    const lp = await receivePlate(world);
    const document = (await upload(lp.id, [{ fileName: 'coa.pdf', type: 'application/pdf', content: fileOf.pdf() }])).body;
    const stranger = await server.signup();
    expect((await download(document.id, stranger)).status).toBe(404);
    expect((await server.as(stranger.accessToken).get(`/api/v1/license-plates/${lp.id}/documents`)).status).toBe(404);
    expect((await upload(lp.id, [{ fileName: 'coa.pdf', type: 'application/pdf', content: fileOf.pdf() }], { kind: 'coa' }, stranger)).status).toBe(404);
    const viewer = await server.userWithRoles(world.admin, ['viewer']);
    expect((await download(document.id, viewer)).status).toBe(200);
    expect((await upload(lp.id, [{ fileName: 'coa.pdf', type: 'application/pdf', content: fileOf.pdf() }], { kind: 'coa' }, viewer)).status).toBe(403);
  });

  it('leaves every other route on JSON alone: multipart elsewhere is 415', async () => {
    const body = multipartBody({ code: 'X', name: 'Y' }, []);
    const response = await server.request({ method: 'POST', url: '/api/v1/warehouses', payload: body.payload, headers: body.headers, token: world.admin.accessToken });
    expect(response.status).toBe(415);
  });
});
