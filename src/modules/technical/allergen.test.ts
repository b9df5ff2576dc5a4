import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProduct } from '../../../test/factories/technical.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const euCodes = ['celery', 'crustaceans', 'eggs', 'fish', 'gluten', 'lupin', 'milk', 'molluscs', 'mustard', 'nuts', 'peanuts', 'sesame', 'soybeans', 'sulphites'];

describe('allergens', () => {
  it('every organization starts with the 14 EU allergens, named in English and Polish', async () => {
    const api = server.as((await server.signup()).accessToken);
    const response = await api.get('/api/v1/allergens');
    expect(response.status).toBe(200);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items.map((item: any) => item.code).sort()).toEqual(euCodes);
    expect(response.body.items.every((item: any) => item.custom === false)).toBe(true);
    expect(response.body.items.find((item: any) => item.code === 'milk')).toMatchObject({ name: 'Milk', nameEn: 'Milk', namePl: 'Mleko', custom: false });
  });

  it("names allergens in the organization's language", async () => {
    const api = server.as((await server.signup()).accessToken);
    expect((await api.patch('/api/v1/settings', { locale: 'pl' })).status).toBe(200);
    const response = await api.get('/api/v1/allergens');
    expect(response.body.items.find((item: any) => item.code === 'eggs').name).toBe('Jaja');
  });

  it('an organization adds its own allergens, usable on products, and sees only its own', async () => {
    const first = server.as((await server.signup()).accessToken);
    const second = server.as((await server.signup()).accessToken);
    const created = await first.post('/api/v1/allergens', { code: 'Kiwi', name: 'Kiwi fruit', namePl: 'Kiwi' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'kiwi', name: 'Kiwi fruit', nameEn: 'Kiwi fruit', namePl: 'Kiwi', custom: true });
    expect((await first.get('/api/v1/allergens')).body.items.map((item: any) => item.code)).toContain('kiwi');
    expect((await second.get('/api/v1/allergens')).body.items.map((item: any) => item.code)).not.toContain('kiwi');
    const product = await createProduct(first, { allergens: ['kiwi'] });
    expect(product.allergens).toEqual(['kiwi']);
    const elsewhere = await second.post('/api/v1/products', { code: 'KIWI-JAM', name: 'Jam', type: 'finished', uom: 'pcs', allergens: ['kiwi'] });
    expect(elsewhere.status).toBe(400);
  });

  it('refuses a code that already exists, an EU one included', async () => {
    const api = server.as((await server.signup()).accessToken);
    const response = await api.post('/api/v1/allergens', { code: 'milk', name: 'Milk again' });
    expect(response.status).toBe(409);
    expect(response.body.errors).toMatchObject([{ path: 'code', message: 'already exists' }]);
  });

  it('needs a name and a code made of letters, digits, - and _', async () => {
    const api = server.as((await server.signup()).accessToken);
    expect((await api.post('/api/v1/allergens', { code: 'pine-nuts' })).body.errors).toMatchObject([{ path: 'name', message: 'is required' }]);
    const badCode = await api.post('/api/v1/allergens', { code: 'a|b', name: 'Pipe' });
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors[0].path).toBe('code');
  });

  it('reading needs technical read; adding needs technical write', async () => {
    const admin = await server.signup();
    const viewer = server.as((await server.userWithRoles(admin, ['viewer'])).accessToken);
    expect((await viewer.get('/api/v1/allergens')).status).toBe(200);
    expect((await viewer.post('/api/v1/allergens', { code: 'kiwi', name: 'Kiwi' })).status).toBe(403);
  });
});
