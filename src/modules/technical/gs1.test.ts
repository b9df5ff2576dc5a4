import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProduct } from '../../../test/factories/technical.js';
import { startTestServer, type Client, type TestServer } from '../../../test/server.js';

const GS = '\u001d';
let server: TestServer;
let owner: Client;
let stranger: Client;
let bread: any;

beforeAll(async () => {
  server = await startTestServer();
  owner = server.as((await server.signup()).accessToken);
  stranger = server.as((await server.signup()).accessToken);
  // Kept as a GTIN-13; a scan's (01) carries it as 14 digits.
  bread = await createProduct(owner, { type: 'finished', uom: 'pcs', gtin: '4006381333931' });
});
afterAll(() => server.stop());

const parse = (client: Client, barcode: unknown) => client.post('/api/v1/gs1/parse', { barcode });

describe('POST /api/v1/gs1/parse', () => {
  it("reads the human-readable form and names the organization's product for the GTIN", async () => {
    const response = await parse(owner, '(01)04006381333931(10)L-77(17)270200(3103)001250');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ gtin: '04006381333931', lot: 'L-77', expiryDate: '2027-02-28', netWeightKg: 1.25, productId: bread.id });
  });

  it('reads the raw form a scanner sends, with a symbology identifier and GS separators', async () => {
    const response = await parse(owner, `]C1${'00'}106141411234567897${'02'}04006381333931${'37'}24${GS}${'10'}L-77`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ sscc: '106141411234567897', contentGtin: '04006381333931', count: 24, lot: 'L-77', productId: bread.id });
    expect(response.body.elements.map((element: any) => element.ai)).toEqual(['00', '02', '37', '10']);
  });

  it('gives no product for a GTIN the organization does not have', async () => {
    const response = await parse(owner, '(01)05901234123457');
    expect(response.status).toBe(200);
    expect(response.body.gtin).toBe('05901234123457');
    expect(response.body.productId).toBeUndefined();
  });

  it("never answers another organization's product", async () => {
    const response = await parse(stranger, '(01)04006381333931');
    expect(response.status).toBe(200);
    expect(response.body.productId).toBeUndefined();
  });

  it('gives no product when two products share the GTIN, rather than guessing', async () => {
    const api = server.as((await server.signup()).accessToken);
    await createProduct(api, { gtin: '96385074' });
    await createProduct(api, { gtin: '96385074' });
    expect((await parse(api, '(01)00000096385074')).body.productId).toBeUndefined();
  });

  it.each([
    ['a wrong check digit', '(01)04006381333932', '(01)', /check digit/],
    ['an unknown application identifier', '(01)04006381333931(98)X', '(98)', /not an application identifier/],
    ['a malformed date', '(17)271301', '(17)', /month/],
    ['an over-long lot', '(10)ABCDEFGHIJKLMNOPQRSTUVWXYZ', '(10)', /at most 20/],
  ])('refuses %s with a 400 on barcode naming the element', async (_name, barcode, element, message) => {
    const response = await parse(owner, barcode);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.detail).toContain(`element ${element}`);
    expect(response.body.errors).toMatchObject([{ path: 'barcode', message: expect.stringMatching(message) }]);
    expect(response.body.errors[0].message).toContain(element);
  });

  it('refuses a body without a barcode, or text that is no element string', async () => {
    expect((await owner.post('/api/v1/gs1/parse', {})).body.errors[0].path).toBe('barcode');
    expect((await parse(owner, '')).status).toBe(400);
    const words = await parse(owner, 'hello');
    expect(words.status).toBe(400);
    expect(words.body.errors[0].path).toBe('barcode');
  });

  it('needs a signed-in user', async () => {
    const response = await server.request({ method: 'POST', url: '/api/v1/gs1/parse', payload: { barcode: '(01)04006381333931' } });
    expect(response.status).toBe(401);
  });
});
