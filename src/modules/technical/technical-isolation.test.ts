import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveBom, createBom, createProduct, csvHeaderLine, importCsv } from '../../../test/factories/technical.js';
import { startTestServer, type Client, type TestServer } from '../../../test/server.js';

let server: TestServer;
let owner: Client;
let stranger: Client;
let product: any;
let component: any;
let active: any;
let draft: any;
beforeAll(async () => {
  server = await startTestServer();
  owner = server.as((await server.signup()).accessToken);
  stranger = server.as((await server.signup()).accessToken);
  component = await createProduct(owner, { code: 'SHARED-CODE', allergens: ['milk'] });
  product = await createProduct(owner, { type: 'finished' });
  active = await createActiveBom(owner, product.id, [{ productId: component.id, qty: 1 }]);
  draft = await createBom(owner, product.id, [{ productId: component.id, qty: 2 }], { effectiveFrom: '2099-01-01' });
  // The owner's reads are cached; the stranger must not be answered from that cache.
  await owner.get(`/api/v1/products/${product.id}`);
  await owner.get(`/api/v1/products/${product.id}/bom`);
});
afterAll(() => server.stop());

describe("another organization's ids", () => {
  it('answer 404 on every technical endpoint', async () => {
    const strangerOwn = await createProduct(stranger);
    const attempts = [
      stranger.get(`/api/v1/products/${product.id}`),
      stranger.patch(`/api/v1/products/${product.id}`, { name: 'Taken over' }),
      stranger.get(`/api/v1/products/${product.id}/bom`),
      stranger.get(`/api/v1/products/${product.id}/bom?date=2030-01-01`),
      stranger.get(`/api/v1/products/${product.id}/bom/explosion?qty=1`),
      stranger.get(`/api/v1/boms?productId=${product.id}`),
      stranger.get(`/api/v1/boms/${active.id}`),
      stranger.patch(`/api/v1/boms/${active.id}`, { effectiveTo: '2030-01-01' }),
      stranger.patch(`/api/v1/boms/${draft.id}`, { outputQty: 9 }),
      stranger.delete(`/api/v1/boms/${draft.id}`),
      stranger.post(`/api/v1/boms/${draft.id}/activate`),
      stranger.post('/api/v1/boms', { productId: product.id, outputQty: 1, effectiveFrom: '2030-01-01', items: [{ productId: strangerOwn.id, qty: 1 }] }),
      stranger.post('/api/v1/boms', { productId: strangerOwn.id, outputQty: 1, effectiveFrom: '2030-01-01', items: [{ productId: component.id, qty: 1 }] }),
    ];
    const statuses = (await Promise.all(attempts)).map((response) => response.status);
    expect(statuses).toEqual(attempts.map(() => 404));
  });

  it('left everything of the owner as it was', async () => {
    expect((await owner.get(`/api/v1/products/${product.id}`)).body).toMatchObject({ name: product.name, derivedAllergens: ['milk'] });
    expect((await owner.get(`/api/v1/boms/${active.id}`)).body).toMatchObject({ status: 'active', effectiveTo: null });
    expect((await owner.get(`/api/v1/boms/${draft.id}`)).body).toMatchObject({ status: 'draft', outputQty: 1 });
  });

  it('lists, exports and imports see only their own organization; codes are per organization', async () => {
    expect((await stranger.get('/api/v1/products?search=SHARED')).body.items).toEqual([]);
    expect((await stranger.get('/api/v1/boms')).body.items.map((bom: any) => bom.id)).not.toContain(active.id);
    expect(await (await stranger.get('/api/v1/products/export')).body).not.toContain('SHARED-CODE');
    const imported = await importCsv(stranger, `${csvHeaderLine}\nSHARED-CODE,Their own,raw,kg,,,\n`);
    expect(imported.body).toMatchObject({ created: 1, updated: 0 });
    expect((await owner.get(`/api/v1/products/${component.id}`)).body.name).toBe(component.name);
  });
});

describe('OpenAPI', () => {
  it('shows every technical endpoint with its request and response schemas', async () => {
    const document = (await server.request({ method: 'GET', url: '/api/openapi.json' })).body;
    const expected: [string, string, string, boolean][] = [
      ['/api/v1/allergens', 'get', '200', false],
      ['/api/v1/allergens', 'post', '201', true],
      ['/api/v1/products', 'get', '200', false],
      ['/api/v1/products', 'post', '201', true],
      ['/api/v1/products/{id}', 'get', '200', false],
      ['/api/v1/products/{id}', 'patch', '200', true],
      ['/api/v1/products/import', 'post', '200', true],
      ['/api/v1/products/export', 'get', '200', false],
      ['/api/v1/boms', 'get', '200', false],
      ['/api/v1/boms', 'post', '201', true],
      ['/api/v1/boms/{id}', 'get', '200', false],
      ['/api/v1/boms/{id}', 'patch', '200', true],
      ['/api/v1/boms/{id}', 'delete', '204', false],
      ['/api/v1/boms/{id}/activate', 'post', '200', false],
      ['/api/v1/products/{id}/bom', 'get', '200', false],
      ['/api/v1/products/{id}/bom/explosion', 'get', '200', false],
    ];
    for (const [path, method, status, hasBody] of expected) {
      const operation = document.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation.responses[status], `${method} ${path} ${status}`).toBeDefined();
      expect(operation.responses['404'], `${method} ${path} 404`).toBeDefined();
      if (hasBody) expect(operation.requestBody, `${method} ${path} body`).toBeDefined();
    }
    expect(document.paths['/api/v1/products/import'].post.requestBody.content['text/csv']).toBeDefined();
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]!);
    expect(refs.filter((name) => !document.components.schemas[name])).toEqual([]);
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Product', 'Bom', 'BomItem', 'BomExplosion', 'Allergen', 'ProductImportResult']));
  });
});
