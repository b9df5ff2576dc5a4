import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, createActiveBom, createBom, createProduct } from '../../../test/factories/technical.js';
import { startTestServer, type Client, type TestServer } from '../../../test/server.js';

// Runs on the in-memory cache alone, and with Redis as second tier and bus when REDIS_URL is set.

let server: TestServer;
let api: Client;
beforeAll(async () => {
  server = await startTestServer();
  api = server.as((await server.signup()).accessToken);
});
afterAll(() => server.stop());

/** Changes a row behind the application's back, as the database owner. */
const sneak = (query: ReturnType<typeof sql>) => server.database.db.orm.execute(query);

describe('technical cache', () => {
  it('serves product reads from the cache until a technical change drops them', async () => {
    const product = await createProduct(api, { name: 'Cached name' });
    expect((await api.get(`/api/v1/products/${product.id}`)).body.name).toBe('Cached name');
    await sneak(sql`update products set name = 'Changed behind the back' where id = ${product.id}`);
    expect((await api.get(`/api/v1/products/${product.id}`)).body.name).toBe('Cached name');
    // Any technical write drops the organization's cached reads, here an unrelated product.
    await createProduct(api);
    expect((await api.get(`/api/v1/products/${product.id}`)).body.name).toBe('Changed behind the back');
  });

  it('a product change is visible on the very next read', async () => {
    const product = await createProduct(api, { name: 'Before' });
    await api.get(`/api/v1/products/${product.id}`);
    await api.patch(`/api/v1/products/${product.id}`, { name: 'After', allergens: ['celery'] });
    expect((await api.get(`/api/v1/products/${product.id}`)).body).toMatchObject({ name: 'After', allergens: ['celery'], derivedAllergens: ['celery'] });
  });

  it('a component allergen change is visible in the cached product above it on the very next read', async () => {
    const mustard = await createProduct(api);
    const sauce = await createProduct(api, { type: 'intermediate' });
    const sandwich = await createProduct(api, { type: 'finished' });
    await createActiveBom(api, sauce.id, [{ productId: mustard.id, qty: 1 }]);
    await createActiveBom(api, sandwich.id, [{ productId: sauce.id, qty: 1 }]);
    expect((await api.get(`/api/v1/products/${sandwich.id}`)).body.derivedAllergens).toEqual([]);
    await api.patch(`/api/v1/products/${mustard.id}`, { allergens: ['mustard'] });
    expect((await api.get(`/api/v1/products/${sandwich.id}`)).body.derivedAllergens).toEqual(['mustard']);
  });

  it('the BOM in force is visible on the very next read after activation and after end-dating', async () => {
    const flour = await createProduct(api);
    const bread = await createProduct(api, { type: 'finished' });
    const url = `/api/v1/products/${bread.id}/bom?date=2030-05-05`;
    expect((await api.get(url)).status).toBe(404);
    const draft = await createBom(api, bread.id, [{ productId: flour.id, qty: 1 }], { effectiveFrom: '2030-01-01' });
    expect((await api.get(url)).status).toBe(404);
    await activate(api, draft.id);
    expect((await api.get(url)).body.id).toBe(draft.id);
    await api.patch(`/api/v1/boms/${draft.id}`, { effectiveTo: '2030-05-04' });
    expect((await api.get(url)).status).toBe(404);
  });

  it('a new custom allergen is listed on the very next read', async () => {
    expect((await api.get('/api/v1/allergens')).body.items.map((item: any) => item.code)).not.toContain('buckwheat');
    await api.post('/api/v1/allergens', { code: 'buckwheat', name: 'Buckwheat', namePl: 'Gryka' });
    expect((await api.get('/api/v1/allergens')).body.items.map((item: any) => item.code)).toContain('buckwheat');
  });

  it('a failed write drops nothing it did not change, and changes nothing', async () => {
    const product = await createProduct(api, { name: 'Stays' });
    await api.get(`/api/v1/products/${product.id}`);
    expect((await api.patch(`/api/v1/products/${product.id}`, { name: 'Never', allergens: ['unicorn'] })).status).toBe(400);
    expect((await api.get(`/api/v1/products/${product.id}`)).body.name).toBe('Stays');
  });
});
