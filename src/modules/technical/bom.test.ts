import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, createActiveBom, createBom, createProduct } from '../../../test/factories/technical.js';
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

/** A finished product and two raw materials to make it from. */
async function recipe() {
  const flour = await createProduct(api, { name: 'Flour', uom: 'kg' });
  const water = await createProduct(api, { name: 'Water', uom: 'l' });
  const bread = await createProduct(api, { name: 'Bread', type: 'finished', uom: 'pcs' });
  return { flour, water, bread };
}

describe('BOM versions', () => {
  it('starts as a draft with the given items, units taken from the products', async () => {
    const { flour, water, bread } = await recipe();
    const response = await api.post('/api/v1/boms', {
      productId: bread.id,
      outputQty: 10,
      effectiveFrom: '2030-01-01',
      items: [
        { productId: flour.id, qty: 5.5, scrapPercent: 2.5 },
        { productId: water.id, qty: 3.25 },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ productId: bread.id, version: 1, status: 'draft', outputQty: 10, uom: 'pcs', effectiveFrom: '2030-01-01', effectiveTo: null });
    expect(response.body.items).toEqual([
      expect.objectContaining({ lineNo: 1, productId: flour.id, productCode: flour.code, uom: 'kg', qty: 5.5, scrapPercent: 2.5, grossQty: 5.6375 }),
      expect.objectContaining({ lineNo: 2, productId: water.id, uom: 'l', qty: 3.25, scrapPercent: 0, grossQty: 3.25 }),
    ]);
    expect((await api.get(`/api/v1/boms/${response.body.id}`)).body).toEqual(response.body);
  });

  it('numbers versions 1, 2, 3 per product, never reusing a deleted one, even when created at once', async () => {
    const { flour, bread } = await recipe();
    const other = await createProduct(api, { type: 'finished' });
    const created = await Promise.all([1, 2, 3].map(() => createBom(api, bread.id, [{ productId: flour.id, qty: 1 }])));
    expect(created.map((bom) => bom.version).sort()).toEqual([1, 2, 3]);
    expect((await createBom(api, other.id, [{ productId: flour.id, qty: 1 }])).version).toBe(1);
    const third = created.find((bom) => bom.version === 3)!;
    expect((await api.delete(`/api/v1/boms/${third.id}`)).status).toBe(204);
    expect((await createBom(api, bread.id, [{ productId: flour.id, qty: 1 }])).version).toBe(4);
    const list = await api.get(`/api/v1/boms?productId=${bread.id}`);
    expect(list.body.items.map((bom: any) => bom.version).sort()).toEqual([1, 2, 4]);
  });

  it('lets a draft change freely: quantities, dates and items', async () => {
    const { flour, water, bread } = await recipe();
    const draft = await createBom(api, bread.id, [{ productId: flour.id, qty: 1 }]);
    const response = await api.patch(`/api/v1/boms/${draft.id}`, { outputQty: 2, effectiveFrom: '2031-05-01', effectiveTo: '2031-12-31', items: [{ productId: water.id, qty: 0.7, scrapPercent: 1 }] });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ outputQty: 2, effectiveFrom: '2031-05-01', effectiveTo: '2031-12-31', status: 'draft' });
    expect(response.body.items).toEqual([expect.objectContaining({ lineNo: 1, productId: water.id, qty: 0.7, scrapPercent: 1 })]);
  });

  it('refuses an end before the start, naming effectiveTo', async () => {
    const { flour, bread } = await recipe();
    const response = await api.post('/api/v1/boms', { productId: bread.id, outputQty: 1, effectiveFrom: '2030-02-01', effectiveTo: '2030-01-31', items: [{ productId: flour.id, qty: 1 }] });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('effectiveTo');
  });

  it('refuses an item that is the BOM’s own product, or no product of the organization, naming the item', async () => {
    const { flour, bread } = await recipe();
    const itself = await api.post('/api/v1/boms', { productId: bread.id, outputQty: 1, effectiveFrom: '2030-01-01', items: [{ productId: flour.id, qty: 1 }, { productId: bread.id, qty: 1 }] });
    expect(itself.status).toBe(400);
    expect(itself.body.errors).toMatchObject([{ path: 'items.1.productId', message: expect.stringContaining('own product') }]);
    const missing = await api.post('/api/v1/boms', { productId: bread.id, outputQty: 1, effectiveFrom: '2030-01-01', items: [{ productId: '01900000-0000-7000-8000-000000000000', qty: 1 }] });
    expect(missing.status).toBe(404);
    expect(missing.body.errors).toMatchObject([{ path: 'items.0.productId', message: 'product not found' }]);
    const noItems = await api.post('/api/v1/boms', { productId: bread.id, outputQty: 1, effectiveFrom: '2030-01-01', items: [] });
    expect(noItems.status).toBe(400);
    expect(noItems.body.errors[0].path).toBe('items');
    expect((await api.get(`/api/v1/boms?productId=${bread.id}`)).body.items).toEqual([]);
  });

  it('refuses quantities of zero, more than 6 decimals, and scrap of 100 % or more', async () => {
    const { flour, bread } = await recipe();
    const base = { productId: bread.id, outputQty: 1, effectiveFrom: '2030-01-01' };
    expect((await api.post('/api/v1/boms', { ...base, items: [{ productId: flour.id, qty: 0 }] })).body.errors[0].path).toBe('items.0.qty');
    expect((await api.post('/api/v1/boms', { ...base, items: [{ productId: flour.id, qty: 0.0000001 }] })).body.errors[0].path).toBe('items.0.qty');
    expect((await api.post('/api/v1/boms', { ...base, items: [{ productId: flour.id, qty: 1, scrapPercent: 100 }] })).body.errors[0].path).toBe('items.0.scrapPercent');
    expect((await api.post('/api/v1/boms', { ...base, outputQty: -1, items: [{ productId: flour.id, qty: 1 }] })).body.errors[0].path).toBe('outputQty');
  });

  it('deletes drafts only: an active BOM answers 409 and stays', async () => {
    const { flour, bread } = await recipe();
    const draft = await createBom(api, bread.id, [{ productId: flour.id, qty: 1 }]);
    expect((await api.delete(`/api/v1/boms/${draft.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/boms/${draft.id}`)).status).toBe(404);
    const active = await createActiveBom(api, bread.id, [{ productId: flour.id, qty: 1 }]);
    const refused = await api.delete(`/api/v1/boms/${active.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/only drafts/);
    expect((await api.get(`/api/v1/boms/${active.id}`)).body.status).toBe('active');
  });
});

describe('activation and end-dating', () => {
  it('an active BOM can only be end-dated: other changes are 409 naming the fields', async () => {
    const { flour, water, bread } = await recipe();
    const active = await createActiveBom(api, bread.id, [{ productId: flour.id, qty: 1 }], { effectiveFrom: '2030-01-01' });
    const refused = await api.patch(`/api/v1/boms/${active.id}`, { outputQty: 5, items: [{ productId: water.id, qty: 1 }] });
    expect(refused.status).toBe(409);
    expect(refused.body.errors.map((error: any) => error.path)).toEqual(['outputQty', 'items']);
    expect((await api.patch(`/api/v1/boms/${active.id}`, { effectiveFrom: '2029-01-01' })).status).toBe(409);
    const endDated = await api.patch(`/api/v1/boms/${active.id}`, { effectiveTo: '2030-06-30' });
    expect(endDated.status).toBe(200);
    expect(endDated.body).toMatchObject({ status: 'active', outputQty: 1, effectiveFrom: '2030-01-01', effectiveTo: '2030-06-30' });
    expect(endDated.body.items).toEqual([expect.objectContaining({ productId: flour.id, qty: 1 })]);
  });

  it('refuses to activate a version whose dates overlap another active version (409), until that one is end-dated', async () => {
    const { flour, water, bread } = await recipe();
    const first = await createActiveBom(api, bread.id, [{ productId: flour.id, qty: 1 }], { effectiveFrom: '2030-01-01' });
    const second = await createBom(api, bread.id, [{ productId: water.id, qty: 1 }], { effectiveFrom: '2030-07-01' });
    const refused = await api.post(`/api/v1/boms/${second.id}/activate`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/overlap active version 1/);
    expect((await api.get(`/api/v1/boms/${second.id}`)).body.status).toBe('draft');
    // End-dating the first the day before the second starts makes room, to the day.
    expect((await api.patch(`/api/v1/boms/${first.id}`, { effectiveTo: '2030-07-01' })).status).toBe(200);
    expect((await api.post(`/api/v1/boms/${second.id}/activate`)).status).toBe(409);
    expect((await api.patch(`/api/v1/boms/${first.id}`, { effectiveTo: '2030-06-30' })).status).toBe(200);
    const activated = await api.post(`/api/v1/boms/${second.id}/activate`);
    expect(activated.status).toBe(200);
    expect(activated.body.status).toBe('active');
  });

  it('refuses end-dating an active version into overlap, and re-opening it over a later version', async () => {
    const { flour, bread } = await recipe();
    const first = await createActiveBom(api, bread.id, [{ productId: flour.id, qty: 1 }], { effectiveFrom: '2030-01-01', effectiveTo: '2030-03-31' });
    await createActiveBom(api, bread.id, [{ productId: flour.id, qty: 2 }], { effectiveFrom: '2030-04-01' });
    const reopened = await api.patch(`/api/v1/boms/${first.id}`, { effectiveTo: null });
    expect(reopened.status).toBe(409);
    expect((await api.patch(`/api/v1/boms/${first.id}`, { effectiveTo: '2030-04-15' })).status).toBe(409);
    expect((await api.get(`/api/v1/boms/${first.id}`)).body.effectiveTo).toBe('2030-03-31');
  });

  it('refuses to activate a version that is already active', async () => {
    const { flour, bread } = await recipe();
    const active = await createActiveBom(api, bread.id, [{ productId: flour.id, qty: 1 }]);
    expect((await api.post(`/api/v1/boms/${active.id}/activate`)).status).toBe(409);
  });

  it('refuses a cycle through two levels: A contains B, B contains C, then C may not contain A', async () => {
    const a = await createProduct(api, { code: `A-${Date.now()}`, type: 'finished' });
    const b = await createProduct(api, { code: `B-${Date.now()}`, type: 'intermediate' });
    const c = await createProduct(api, { code: `C-${Date.now()}`, type: 'intermediate' });
    await createActiveBom(api, a.id, [{ productId: b.id, qty: 1 }]);
    await createActiveBom(api, b.id, [{ productId: c.id, qty: 1 }]);
    const closing = await createBom(api, c.id, [{ productId: a.id, qty: 1 }]);
    const refused = await api.post(`/api/v1/boms/${closing.id}/activate`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(`${c.code} → ${a.code} → ${b.code} → ${c.code}`);
    expect((await api.get(`/api/v1/boms/${closing.id}`)).body.status).toBe('draft');
  });

  it('checks cycles over every date: versions that never meet in time still may not close a loop', async () => {
    const a = await createProduct(api, { type: 'finished' });
    const b = await createProduct(api, { type: 'intermediate' });
    await createActiveBom(api, a.id, [{ productId: b.id, qty: 1 }], { effectiveFrom: '2030-01-01', effectiveTo: '2030-01-31' });
    const closing = await createBom(api, b.id, [{ productId: a.id, qty: 1 }], { effectiveFrom: '2031-01-01' });
    expect((await api.post(`/api/v1/boms/${closing.id}/activate`)).status).toBe(409);
  });

  it('two activations at once that would each close half of a cycle: exactly one wins', async () => {
    const a = await createProduct(api, { type: 'intermediate' });
    const b = await createProduct(api, { type: 'intermediate' });
    const aMakesB = await createBom(api, a.id, [{ productId: b.id, qty: 1 }]);
    const bMakesA = await createBom(api, b.id, [{ productId: a.id, qty: 1 }]);
    const results = await Promise.all([aMakesB, bMakesA].map((bom) => api.post(`/api/v1/boms/${bom.id}/activate`)));
    expect(results.map((response) => response.status).sort()).toEqual([200, 409]);
  });

  it('two overlapping versions activated at once: exactly one wins', async () => {
    const { flour, bread } = await recipe();
    const first = await createBom(api, bread.id, [{ productId: flour.id, qty: 1 }], { effectiveFrom: '2030-01-01' });
    const second = await createBom(api, bread.id, [{ productId: flour.id, qty: 2 }], { effectiveFrom: '2030-06-01' });
    const results = await Promise.all([first, second].map((bom) => api.post(`/api/v1/boms/${bom.id}/activate`)));
    expect(results.map((response) => response.status).sort()).toEqual([200, 409]);
  });

  it('a product used twice below (a diamond) is no cycle', async () => {
    const top = await createProduct(api, { type: 'finished' });
    const left = await createProduct(api, { type: 'intermediate' });
    const right = await createProduct(api, { type: 'intermediate' });
    const salt = await createProduct(api);
    await createActiveBom(api, left.id, [{ productId: salt.id, qty: 1 }]);
    await createActiveBom(api, right.id, [{ productId: salt.id, qty: 1 }]);
    const bom = await createBom(api, top.id, [{ productId: left.id, qty: 1 }, { productId: right.id, qty: 1 }]);
    expect((await api.post(`/api/v1/boms/${bom.id}/activate`)).status).toBe(200);
  });
});

describe('the BOM in force', () => {
  it('GET /products/:id/bom?date= picks the active version in force that day, 404 when none', async () => {
    const { flour, water, bread } = await recipe();
    const v1 = await createActiveBom(api, bread.id, [{ productId: flour.id, qty: 1 }], { effectiveFrom: '2030-01-01', effectiveTo: '2030-06-30' });
    const v2 = await createActiveBom(api, bread.id, [{ productId: water.id, qty: 1 }], { effectiveFrom: '2030-07-01' });
    await createBom(api, bread.id, [{ productId: water.id, qty: 9 }], { effectiveFrom: '2020-01-01' });
    const on = (date: string) => api.get(`/api/v1/products/${bread.id}/bom?date=${date}`);
    expect((await on('2030-06-30')).body).toMatchObject({ id: v1.id, version: 1 });
    expect((await on('2030-07-01')).body).toMatchObject({ id: v2.id, version: 2 });
    expect((await on('2099-12-31')).body.id).toBe(v2.id);
    const before = await on('2029-12-31');
    expect(before.status).toBe(404);
    expect(before.body.detail).toMatch(/no active BOM/);
    expect((await on('2030-13-01')).status).toBe(400);
  });

  it('defaults to today', async () => {
    const { flour, bread } = await recipe();
    expect((await api.get(`/api/v1/products/${bread.id}/bom`)).status).toBe(404);
    const active = await createActiveBom(api, bread.id, [{ productId: flour.id, qty: 1 }], { effectiveFrom: '2020-01-01' });
    expect((await api.get(`/api/v1/products/${bread.id}/bom`)).body.id).toBe(active.id);
  });

  it('lists BOMs by product, and all of them without a filter', async () => {
    const { flour, bread } = await recipe();
    const bom = await createBom(api, bread.id, [{ productId: flour.id, qty: 1 }]);
    expect((await api.get(`/api/v1/boms?productId=${bread.id}`)).body.items.map((item: any) => item.id)).toEqual([bom.id]);
    const all = await api.get('/api/v1/boms?limit=500');
    expect(all.body.items.map((item: any) => item.id)).toContain(bom.id);
    expect((await api.get('/api/v1/boms?productId=01900000-0000-7000-8000-000000000000')).status).toBe(404);
  });
});

describe('derived allergens', () => {
  it('roll up through two levels of active BOMs in force today, and change at once when a component changes', async () => {
    const flour = await createProduct(api, { allergens: ['gluten'] });
    const butter = await createProduct(api, { allergens: ['milk'] });
    const dough = await createProduct(api, { type: 'intermediate' });
    const cake = await createProduct(api, { type: 'finished', uom: 'pcs', allergens: ['eggs'] });
    await createActiveBom(api, dough.id, [{ productId: flour.id, qty: 1 }, { productId: butter.id, qty: 0.2 }]);
    await createActiveBom(api, cake.id, [{ productId: dough.id, qty: 0.5 }]);
    const read = async () => (await api.get(`/api/v1/products/${cake.id}`)).body;
    expect(await read()).toMatchObject({ allergens: ['eggs'], derivedAllergens: ['eggs', 'gluten', 'milk'] });
    await api.patch(`/api/v1/products/${butter.id}`, { allergens: ['milk', 'sulphites'] });
    expect((await read()).derivedAllergens).toEqual(['eggs', 'gluten', 'milk', 'sulphites']);
    const listed = await api.get(`/api/v1/products?search=${cake.code}`);
    expect(listed.body.items[0].derivedAllergens).toEqual(['eggs', 'gluten', 'milk', 'sulphites']);
  });

  it('count only BOMs active and in force today: drafts, future and ended versions bring nothing', async () => {
    const nuts = await createProduct(api, { allergens: ['nuts'] });
    const sesame = await createProduct(api, { allergens: ['sesame'] });
    const fish = await createProduct(api, { allergens: ['fish'] });
    const bar = await createProduct(api, { type: 'finished' });
    await createBom(api, bar.id, [{ productId: nuts.id, qty: 1 }], { effectiveFrom: '2020-01-01' });
    await createActiveBom(api, bar.id, [{ productId: sesame.id, qty: 1 }], { effectiveFrom: '2099-01-01' });
    const ended = await createActiveBom(api, bar.id, [{ productId: fish.id, qty: 1 }], { effectiveFrom: '2020-01-01', effectiveTo: '2098-12-31' });
    expect((await api.get(`/api/v1/products/${bar.id}`)).body.derivedAllergens).toEqual(['fish']);
    await api.patch(`/api/v1/boms/${ended.id}`, { effectiveTo: '2020-12-31' });
    expect((await api.get(`/api/v1/products/${bar.id}`)).body.derivedAllergens).toEqual([]);
  });

  it('a new active BOM deep below changes every product above at once', async () => {
    const milk = await createProduct(api, { allergens: ['milk'] });
    const filling = await createProduct(api, { type: 'intermediate' });
    const pastry = await createProduct(api, { type: 'intermediate' });
    const box = await createProduct(api, { type: 'finished' });
    await createActiveBom(api, box.id, [{ productId: pastry.id, qty: 1 }]);
    await createActiveBom(api, pastry.id, [{ productId: filling.id, qty: 1 }]);
    expect((await api.get(`/api/v1/products/${box.id}`)).body.derivedAllergens).toEqual([]);
    const bom = await createBom(api, filling.id, [{ productId: milk.id, qty: 1 }]);
    await activate(api, bom.id);
    expect((await api.get(`/api/v1/products/${box.id}`)).body.derivedAllergens).toEqual(['milk']);
    expect((await api.get(`/api/v1/products/${pastry.id}`)).body.derivedAllergens).toEqual(['milk']);
  });
});

describe('BOM permissions', () => {
  it('technical read may read BOMs; creating, changing, activating and deleting need technical write', async () => {
    const { flour, bread } = await recipe();
    const draft = await createBom(api, bread.id, [{ productId: flour.id, qty: 1 }]);
    const viewer = server.as((await server.userWithRoles(admin, ['viewer'])).accessToken);
    expect((await viewer.get(`/api/v1/boms/${draft.id}`)).status).toBe(200);
    expect((await viewer.get(`/api/v1/boms?productId=${bread.id}`)).status).toBe(200);
    expect((await viewer.post('/api/v1/boms', { productId: bread.id, outputQty: 1, effectiveFrom: '2030-01-01', items: [{ productId: flour.id, qty: 1 }] })).status).toBe(403);
    expect((await viewer.patch(`/api/v1/boms/${draft.id}`, { outputQty: 2 })).status).toBe(403);
    expect((await viewer.post(`/api/v1/boms/${draft.id}/activate`)).status).toBe(403);
    expect((await viewer.delete(`/api/v1/boms/${draft.id}`)).status).toBe(403);
    expect((await api.get(`/api/v1/boms/${draft.id}`)).body).toMatchObject({ status: 'draft', outputQty: 1 });
  });
});
