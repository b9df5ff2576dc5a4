import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveBom, createProduct, uniqueProductCode } from '../../../test/factories/technical.js';
import { startTestServer, type Client, type Session, type TestServer } from '../../../test/server.js';

let server: TestServer;
let admin: Session;
let api: Client;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signup();
  api = server.as(admin.accessToken);
});
afterAll(() => server.stop());

describe('products', () => {
  it('keeps shelf life, GTIN, status and declared allergens, and shows them as derived too', async () => {
    const response = await api.post('/api/v1/products', {
      code: uniqueProductCode('BISC'),
      name: 'Butter biscuits',
      type: 'finished',
      uom: 'pcs',
      shelfLifeDays: 180,
      gtin: '5901234123457',
      allergens: ['milk', 'Gluten', 'milk'],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ shelfLifeDays: 180, gtin: '5901234123457', status: 'active', allergens: ['gluten', 'milk'], derivedAllergens: ['gluten', 'milk'] });
    const read = await api.get(`/api/v1/products/${response.body.id}`);
    expect(read.body).toEqual(response.body);
  });

  it('refuses a GTIN with a wrong check digit, naming gtin, and creates nothing', async () => {
    const code = uniqueProductCode();
    const response = await api.post('/api/v1/products', { code, name: 'X', type: 'raw', uom: 'kg', gtin: '5901234123458' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toMatchObject([{ path: 'gtin', message: expect.stringContaining('check digit') }]);
    expect((await api.get(`/api/v1/products?search=${code}`)).body.items).toEqual([]);
  });

  it('refuses a GTIN of a length GS1 does not define', async () => {
    const response = await api.post('/api/v1/products', { code: uniqueProductCode(), name: 'X', type: 'raw', uom: 'kg', gtin: '1234567890' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('gtin');
  });

  it('refuses an unknown allergen code with 400 naming allergens, and writes nothing', async () => {
    const code = uniqueProductCode();
    const response = await api.post('/api/v1/products', { code, name: 'X', type: 'raw', uom: 'kg', allergens: ['milk', 'unicorn'] });
    expect(response.status).toBe(400);
    expect(response.body.errors).toMatchObject([{ path: 'allergens', message: expect.stringContaining('unicorn') }]);
    expect((await api.get(`/api/v1/products?search=${code}`)).body.items).toEqual([]);
    const product = await createProduct(api, { allergens: ['milk'] });
    const patch = await api.patch(`/api/v1/products/${product.id}`, { allergens: ['unicorn'] });
    expect(patch.status).toBe(400);
    expect(patch.body.errors[0].path).toBe('allergens');
    expect((await api.get(`/api/v1/products/${product.id}`)).body.allergens).toEqual(['milk']);
  });

  it('refuses a duplicate code with 409', async () => {
    const product = await createProduct(api);
    const again = await api.post('/api/v1/products', { code: product.code, name: 'Other', type: 'raw', uom: 'kg' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toMatchObject([{ path: 'code', message: 'already exists' }]);
  });

  it('never changes a code: PATCH with code is 400 naming code', async () => {
    const product = await createProduct(api);
    const response = await api.patch(`/api/v1/products/${product.id}`, { code: 'NEW-CODE', name: 'Renamed' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toMatchObject([{ path: 'code', message: expect.stringContaining('cannot be changed') }]);
    const read = await api.get(`/api/v1/products/${product.id}`);
    expect(read.body).toMatchObject({ code: product.code, name: product.name });
  });

  it('changes details, clears GTIN and shelf life with null, replaces allergens and deactivates', async () => {
    const product = await createProduct(api, { gtin: '96385074', shelfLifeDays: 5, allergens: ['eggs'] });
    const response = await api.patch(`/api/v1/products/${product.id}`, { name: 'Rye flour', gtin: null, shelfLifeDays: null, allergens: ['gluten'], status: 'inactive' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ code: product.code, name: 'Rye flour', gtin: null, shelfLifeDays: null, allergens: ['gluten'], status: 'inactive' });
    const untouched = await api.patch(`/api/v1/products/${product.id}`, { name: 'Rye flour type 720' });
    expect(untouched.body).toMatchObject({ allergens: ['gluten'], status: 'inactive', gtin: null });
  });

  it('refuses a negative shelf life, naming shelfLifeDays', async () => {
    const response = await api.post('/api/v1/products', { code: uniqueProductCode(), name: 'X', type: 'raw', uom: 'kg', shelfLifeDays: -1 });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('shelfLifeDays');
  });

  it('keeps searching by code or name and filtering by type and status', async () => {
    const marker = uniqueProductCode('SRCH');
    const raw = await createProduct(api, { code: `${marker}-A`, name: 'Sunflower oil', type: 'raw' });
    const finished = await createProduct(api, { code: `${marker}-B`, name: 'Sunflower bread', type: 'finished', status: 'inactive' });
    const byCode = await api.get(`/api/v1/products?search=${marker.toLowerCase()}`);
    expect(byCode.body.items.map((item: any) => item.id)).toEqual([raw.id, finished.id]);
    const byType = await api.get(`/api/v1/products?search=${marker}&type=finished`);
    expect(byType.body.items.map((item: any) => item.id)).toEqual([finished.id]);
    const byStatus = await api.get(`/api/v1/products?search=${marker}&status=active`);
    expect(byStatus.body.items.map((item: any) => item.id)).toEqual([raw.id]);
    expect(byStatus.body.items[0]).toHaveProperty('derivedAllergens');
  });

  it('refuses a unit change while a BOM uses the product, and allows it otherwise', async () => {
    const salt = await createProduct(api, { uom: 'kg' });
    const bread = await createProduct(api, { type: 'finished', uom: 'pcs' });
    await createActiveBom(api, bread.id, [{ productId: salt.id, qty: 0.01 }]);
    const refused = await api.patch(`/api/v1/products/${salt.id}`, { uom: 'g' });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].path).toBe('uom');
    const lonely = await createProduct(api, { uom: 'kg' });
    expect((await api.patch(`/api/v1/products/${lonely.id}`, { uom: 'g' })).body.uom).toBe('g');
  });
});

describe('product permissions', () => {
  it('technical read may list and read; writing needs technical write', async () => {
    const product = await createProduct(api);
    const viewer = server.as((await server.userWithRoles(admin, ['viewer'])).accessToken);
    expect((await viewer.get(`/api/v1/products/${product.id}`)).status).toBe(200);
    expect((await viewer.get('/api/v1/products')).status).toBe(200);
    expect((await viewer.post('/api/v1/products', { code: uniqueProductCode(), name: 'X', type: 'raw', uom: 'kg' })).status).toBe(403);
    expect((await viewer.patch(`/api/v1/products/${product.id}`, { name: 'Y' })).status).toBe(403);
    const planner = server.as((await server.userWithRoles(admin, ['planner'])).accessToken);
    expect((await planner.patch(`/api/v1/products/${product.id}`, { name: 'Planned' })).status).toBe(200);
  });

  it('a role without technical read cannot read products', async () => {
    const role = await api.post('/api/v1/roles', { name: uniqueProductCode('role'), permissions: { warehouse: 'write' } });
    const user = await server.userWithRoles(admin, [role.body.name]);
    expect((await server.as(user.accessToken).get('/api/v1/products')).status).toBe(403);
  });
});
