import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProduct, receivePlate, setupInventory, sqlAsOwner, type InventoryWorld } from '../../../test/factories/inventory.js';
import { createSpecification, flourReceiptParameters, qualityFootprint } from '../../../test/factories/quality.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: InventoryWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

const specUrl = (id: string) => `/api/v1/specifications/${id}`;

describe('specifications', () => {
  it('are created active, version 1, with their parameters and the defaults filled in', async () => {
    const productId = await createProduct(server, world.api);
    const spec = await createSpecification(world.api, productId);
    expect(spec).toMatchObject({ productId, stage: 'receipt', version: 1, status: 'active', name: 'Flour on receipt' });
    expect(spec.parameters).toEqual([
      { code: 'moisture', name: 'Moisture', kind: 'numeric', min: null, max: 15, unit: '%', expected: null, required: true },
      { code: 'foreign_matter_absent', name: 'No foreign matter', kind: 'boolean', min: null, max: null, unit: null, expected: true, required: true },
      { code: 'colour', name: 'Colour', kind: 'text', min: null, max: null, unit: null, expected: null, required: false },
    ]);
    expect((await world.api.get(specUrl(spec.id))).body).toEqual(spec);
  });

  it('one active per product and stage: a new one supersedes the old, and every version is kept', async () => {
    const productId = await createProduct(server, world.api);
    const first = await createSpecification(world.api, productId);
    const second = await createSpecification(world.api, productId, { name: 'Flour on receipt, tighter', parameters: [{ code: 'moisture', name: 'Moisture', kind: 'numeric', min: 10.5, max: 14.5 }] });
    const final = await createSpecification(world.api, productId, { stage: 'final', name: 'Final' });
    expect(second).toMatchObject({ version: 2, status: 'active' });
    expect(final).toMatchObject({ version: 1, status: 'active', stage: 'final' });
    expect((await world.api.get(specUrl(first.id))).body).toMatchObject({ version: 1, status: 'superseded', parameters: first.parameters });
    const active = (await world.api.get(`/api/v1/specifications?productId=${productId}&status=active`)).body.items;
    expect(active.map((spec: any) => [spec.stage, spec.version])).toEqual([['receipt', 2], ['final', 1]]);
    expect((await world.api.get(`/api/v1/specifications?productId=${productId}`)).body.items).toHaveLength(3);
  });

  it('refuse bad parameters with 400 naming the field, an unknown product with 404, and write nothing', async () => {
    const productId = await createProduct(server, world.api);
    const before = await qualityFootprint(server, world.admin.orgId);
    const post = (parameters: unknown[], extra: Record<string, unknown> = {}) =>
      world.api.post('/api/v1/specifications', { productId, name: 'Bad', stage: 'receipt', parameters, ...extra });
    const paths = async (response: Promise<any>) => (await response).body.errors?.map((error: any) => error.path);
    expect(await paths(post([{ code: 'a', name: 'A', kind: 'boolean', min: 1 }]))).toEqual(['parameters.0.min']);
    expect(await paths(post([{ code: 'a', name: 'A', kind: 'numeric', min: 5, max: 1 }]))).toEqual(['parameters.0.max']);
    expect(await paths(post([{ code: 'a', name: 'A', kind: 'numeric', max: 1.0000001 }]))).toEqual(['parameters.0.max']);
    expect(await paths(post([{ code: 'a', name: 'A', kind: 'text' }, { code: 'a', name: 'B', kind: 'text' }]))).toEqual(['parameters.1.code']);
    expect(await paths(post([]))).toEqual(['parameters']);
    expect(await paths(post(flourReceiptParameters, { stage: 'shelf' }))).toEqual(['stage']);
    const unknown = await post(flourReceiptParameters, { productId: '01930000-0000-7000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors).toMatchObject([{ path: 'productId', message: expect.any(String) }]);
    expect(await qualityFootprint(server, world.admin.orgId)).toEqual(before);
  });

  it('an unused one can be corrected; once an inspection used it, it cannot change (409), only be replaced', async () => {
    const productId = await createProduct(server, world.api);
    const spec = await createSpecification(world.api, productId);
    const corrected = await world.api.patch(specUrl(spec.id), { name: 'Flour, corrected', parameters: [{ code: 'moisture', name: 'Moisture', kind: 'numeric', max: 14 }] });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ name: 'Flour, corrected', version: 1, parameters: [expect.objectContaining({ code: 'moisture', max: 14 })] });
    await receivePlate(world, { productId });
    const refused = await world.api.patch(specUrl(spec.id), { name: 'Rewritten history' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/QI-\d{6} used this specification/);
    expect((await world.api.get(specUrl(spec.id))).body).toEqual(corrected.body);
    const replacement = await createSpecification(world.api, productId, { name: 'Flour v2' });
    expect(replacement.version).toBe(2);
    expect((await world.api.get(specUrl(spec.id))).body).toMatchObject({ status: 'superseded', name: 'Flour, corrected' });
    expect((await world.api.patch(specUrl(spec.id), { name: 'Superseded edit' })).status).toBe(409);
  });

  it('the database refuses an edit of a used specification too (the wall under the service)', async () => {
    const productId = await createProduct(server, world.api);
    const spec = await createSpecification(world.api, productId);
    await receivePlate(world, { productId });
    await expect(sqlAsOwner(server, 'delete from specification_parameters where specification_id = $1', [spec.id])).rejects.toThrow(/used by an inspection/);
    await expect(sqlAsOwner(server, "update specifications set name = 'x' where id = $1", [spec.id])).rejects.toThrow(/used by an inspection/);
  });

  it("another organization's specification is 404, to read and to change", async () => {
    const spec = await createSpecification(world.api, world.products.sugar, { stage: 'in_process' });
    const other = server.as((await server.signup()).accessToken);
    expect((await other.get(specUrl(spec.id))).status).toBe(404);
    expect((await other.patch(specUrl(spec.id), { name: 'Taken over' })).status).toBe(404);
    expect((await other.get('/api/v1/specifications')).body.items).toEqual([]);
    expect((await world.api.get(specUrl(spec.id))).body).toEqual(spec);
  });
});
