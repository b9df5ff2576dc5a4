import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveBom, createProduct } from '../../../test/factories/technical.js';
import { startTestServer, type Client, type TestServer } from '../../../test/server.js';

let server: TestServer;
let api: Client;
beforeAll(async () => {
  server = await startTestServer();
  api = server.as((await server.signup()).accessToken);
});
afterAll(() => server.stop());

/**
 * Bread (pcs): 10 from 5 kg dough + 0.1 kg salt.
 * Dough (kg): 3 from 2 kg flour (2.5 % scrap) + 1.2 l water + 0.03 kg salt, in force from 2030-01-01.
 */
async function bakery() {
  const flour = await createProduct(api, { code: `FLOUR-${Date.now()}`, uom: 'kg' });
  const water = await createProduct(api, { code: `WATER-${Date.now()}`, uom: 'l' });
  const salt = await createProduct(api, { code: `SALT-${Date.now()}`, uom: 'kg' });
  const dough = await createProduct(api, { code: `DOUGH-${Date.now()}`, type: 'intermediate', uom: 'kg' });
  const bread = await createProduct(api, { code: `BREAD-${Date.now()}`, type: 'finished', uom: 'pcs' });
  await createActiveBom(
    api,
    dough.id,
    [
      { productId: flour.id, qty: 2, scrapPercent: 2.5 },
      { productId: water.id, qty: 1.2 },
      { productId: salt.id, qty: 0.03 },
    ],
    { outputQty: 3, effectiveFrom: '2030-01-01' },
  );
  const bom = await createActiveBom(
    api,
    bread.id,
    [
      { productId: dough.id, qty: 5 },
      { productId: salt.id, qty: 0.1 },
    ],
    { outputQty: 10, effectiveFrom: '2029-01-01' },
  );
  return { flour, water, salt, dough, bread, bom };
}

describe('BOM explosion', () => {
  it('answers raw materials through every level with scrap applied, one line per path, and totals per product', async () => {
    const { flour, water, salt, dough, bread, bom } = await bakery();
    const response = await api.get(`/api/v1/products/${bread.id}/bom/explosion?qty=7&date=2030-03-01`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ productId: bread.id, qty: 7, uom: 'pcs', date: '2030-03-01', bomId: bom.id });
    // 7 bread need 3.5 kg dough; 3.5 kg dough need 3.5 × 2 × 1.025 / 3 = 2.391666… kg flour.
    expect(response.body.items).toEqual([
      { productId: flour.id, code: flour.code, name: flour.name, qty: 2.391667, uom: 'kg', path: [bread.id, dough.id, flour.id], pathCodes: [bread.code, dough.code, flour.code] },
      { productId: water.id, code: water.code, name: water.name, qty: 1.4, uom: 'l', path: [bread.id, dough.id, water.id], pathCodes: [bread.code, dough.code, water.code] },
      { productId: salt.id, code: salt.code, name: salt.name, qty: 0.035, uom: 'kg', path: [bread.id, dough.id, salt.id], pathCodes: [bread.code, dough.code, salt.code] },
      { productId: salt.id, code: salt.code, name: salt.name, qty: 0.07, uom: 'kg', path: [bread.id, salt.id], pathCodes: [bread.code, salt.code] },
    ]);
    expect(response.body.totals).toEqual(
      expect.arrayContaining([
        { productId: salt.id, code: salt.code, name: salt.name, qty: 0.105, uom: 'kg' },
        { productId: flour.id, code: flour.code, name: flour.name, qty: 2.391667, uom: 'kg' },
      ]),
    );
    expect(response.body.totals).toHaveLength(3);
  });

  it('treats a component without a BOM in force on the date as a raw material', async () => {
    const { salt, dough, bread } = await bakery();
    const response = await api.get(`/api/v1/products/${bread.id}/bom/explosion?qty=10&date=2029-06-01`);
    expect(response.body.items.map((line: any) => [line.productId, line.qty])).toEqual([
      [dough.id, 5],
      [salt.id, 0.1],
    ]);
  });

  it('computes exactly: 3 × 0.1 is 0.3, and a third of 1 is rounded once at the end', async () => {
    const sugar = await createProduct(api);
    const syrup = await createProduct(api, { type: 'intermediate' });
    const drink = await createProduct(api, { type: 'finished', uom: 'l' });
    await createActiveBom(api, syrup.id, [{ productId: sugar.id, qty: 1 }], { outputQty: 3 });
    await createActiveBom(api, drink.id, [{ productId: syrup.id, qty: 0.1 }]);
    const three = await api.get(`/api/v1/products/${drink.id}/bom/explosion?qty=9`);
    expect(three.body.items).toEqual([expect.objectContaining({ productId: sugar.id, qty: 0.3 })]);
    const third = await api.get(`/api/v1/products/${drink.id}/bom/explosion?qty=10`);
    expect(third.body.items[0].qty).toBe(0.333333);
  });

  it('defaults to 1 of the product today', async () => {
    const salt = await createProduct(api);
    const brine = await createProduct(api, { type: 'intermediate', uom: 'l' });
    await createActiveBom(api, brine.id, [{ productId: salt.id, qty: 0.25 }], { outputQty: 1, effectiveFrom: '2020-01-01' });
    const response = await api.get(`/api/v1/products/${brine.id}/bom/explosion`);
    expect(response.body).toMatchObject({ qty: 1, items: [expect.objectContaining({ productId: salt.id, qty: 0.25 })] });
  });

  it('answers 404 when no BOM is in force, and 400 naming qty for a bad quantity', async () => {
    const { bread } = await bakery();
    expect((await api.get(`/api/v1/products/${bread.id}/bom/explosion?date=2020-01-01`)).status).toBe(404);
    for (const qty of ['0', '-1', '1.1234567', 'abc']) {
      const response = await api.get(`/api/v1/products/${bread.id}/bom/explosion?qty=${qty}&date=2030-03-01`);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].path).toBe('qty');
    }
  });
});
