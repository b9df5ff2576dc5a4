import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasValidCheckDigit } from '../../platform/gs1/index.js';
import { daysFromToday, receivePlate, setupInventory, updateSettings, type InventoryWorld } from '../../../test/factories/inventory.js';
import { act, pick, pickingOrder } from '../../../test/factories/sales.js';
import { createProduct } from '../../../test/factories/technical.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: InventoryWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

const PREFIX = '5901234';
// A valid GTIN-13 (check digit 3).
const GTIN = '5901234123457';

/** An order with one plate of a GTIN product picked whole. */
async function pickedOrder() {
  const product = await createProduct(world.api, { shelfLifeDays: 30, gtin: GTIN });
  const lp = await receivePlate(world, { productId: product.id, qty: 12, lot: 'L-2026-11', expiryDate: daysFromToday(20) });
  const { order, pickList } = await pickingOrder(world, { lines: [{ productId: product.id, qty: 12 }] });
  expect((await pick(world, pickList.id, { licensePlateId: lp.id, qty: 12 })).status).toBe(200);
  return { order, lp, product };
}

describe('pallets', () => {
  it('need the organization GS1 company prefix: 409 naming gs1CompanyPrefix until it is set', async () => {
    const { order } = await pickedOrder();
    const refused = await world.api.post('/api/v1/pallets', { salesOrderId: order.id });
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toMatchObject([{ path: 'gs1CompanyPrefix', message: 'is not set' }]);
  });

  it('get an SSCC-18 of extension digit, company prefix, serial and check digit, serials counting per organization', async () => {
    await updateSettings(world, { gs1CompanyPrefix: PREFIX });
    const { order } = await pickedOrder();
    const first = await world.api.post('/api/v1/pallets', { salesOrderId: order.id });
    const second = await world.api.post('/api/v1/pallets', { salesOrderId: order.id });
    expect(first.status).toBe(201);
    for (const pallet of [first.body, second.body]) {
      expect(pallet.sscc).toMatch(new RegExp(`^0${PREFIX}\\d{10}$`));
      expect(hasValidCheckDigit(pallet.sscc)).toBe(true);
    }
    expect(Number(second.body.sscc.slice(8, 17)) - Number(first.body.sscc.slice(8, 17))).toBe(1);
    expect((await world.api.post('/api/v1/pallets', { salesOrderId: 'not-a-uuid' })).body.errors[0].path).toBe('salesOrderId');
  });

  it('carry only picked plates of their order, each once; the label shows (00) (02) (10) (15) (37)', async () => {
    await updateSettings(world, { gs1CompanyPrefix: PREFIX });
    const { order, lp } = await pickedOrder();
    const pallet = (await world.api.post('/api/v1/pallets', { salesOrderId: order.id })).body;
    const stranger = await receivePlate(world);
    expect((await world.api.post(`/api/v1/pallets/${pallet.id}/items`, { licensePlateId: stranger.id })).status).toBe(409);
    const loaded = await world.api.post(`/api/v1/pallets/${pallet.id}/items`, { licensePlateId: lp.id });
    expect(loaded.status).toBe(200);
    expect(loaded.body.items).toEqual([{ licensePlateId: lp.id, licensePlateNumber: lp.number, productId: lp.productId, lot: 'L-2026-11', expiryDate: lp.expiryDate, qty: 12, uom: 'kg' }]);
    expect((await world.api.post(`/api/v1/pallets/${pallet.id}/items`, { licensePlateId: lp.id })).status).toBe(409);
    const svg = await world.api.get(`/api/v1/pallets/${pallet.id}/label?format=svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const text = String(svg.body);
    const bestBefore = lp.expiryDate.slice(2).replaceAll('-', '');
    for (const element of [`(00) ${pallet.sscc}`, `(02) 0${GTIN}`, '(10) L-2026-11', `(15) ${bestBefore}`, '(37) 1']) expect(text).toContain(element);
    const zpl = await world.api.get(`/api/v1/pallets/${pallet.id}/label?format=zpl`);
    expect(zpl.headers['content-type']).toMatch(/^application\/zpl/);
    expect(String(zpl.body)).toContain('^XA');
    const pdf = await world.api.get(`/api/v1/pallets/${pallet.id}/label?format=pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.body).slice(0, 5)).toBe('%PDF-');
    expect((await world.api.get(`/api/v1/pallets/${pallet.id}/label?format=png`)).status).toBe(400);
  });

  it('hold plates picked by scanning the GS1-128 string of their GTIN and lot', async () => {
    const product = await createProduct(world.api, { shelfLifeDays: 30, gtin: GTIN });
    const lp = await receivePlate(world, { productId: product.id, qty: 8, lot: 'SCAN-1' });
    const { pickList } = await pickingOrder(world, { lines: [{ productId: product.id, qty: 8 }] });
    const wrongLot = await pick(world, pickList.id, { barcode: `(01)0${GTIN}(10)OTHER`, qty: 8 });
    expect(wrongLot.status).toBe(404);
    expect(wrongLot.body.errors).toMatchObject([{ path: 'barcode', message: 'no such license plate' }]);
    const scanned = await pick(world, pickList.id, { barcode: `(01)0${GTIN}(10)SCAN-1`, qty: 8 });
    expect(scanned.status).toBe(200);
    expect(scanned.body.picked).toMatchObject({ licensePlateId: lp.id, qty: 8 });
  });

  it('end on the delivery note of the shipment, a PDF', async () => {
    await updateSettings(world, { gs1CompanyPrefix: PREFIX });
    const { order, lp } = await pickedOrder();
    const pallet = (await world.api.post('/api/v1/pallets', { salesOrderId: order.id })).body;
    await world.api.post(`/api/v1/pallets/${pallet.id}/items`, { licensePlateId: lp.id });
    const shipped = await act(world, order.id, 'ship');
    const note = await world.api.get(`/api/v1/shipments/${shipped.shipment.id}/delivery-note`);
    expect(note.status).toBe(200);
    expect(note.headers['content-type']).toBe('application/pdf');
    expect(String(note.body).slice(0, 5)).toBe('%PDF-');
    const stranger = await setupInventory(server);
    expect((await stranger.api.get(`/api/v1/shipments/${shipped.shipment.id}/delivery-note`)).status).toBe(404);
    expect((await stranger.api.get(`/api/v1/pallets/${pallet.id}`)).status).toBe(404);
    expect((await stranger.api.get(`/api/v1/pallets/${pallet.id}/label?format=svg`)).status).toBe(404);
    expect((await stranger.api.post(`/api/v1/pallets/${pallet.id}/items`, { licensePlateId: lp.id })).status).toBe(404);
  });
});
