import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { call, signInAs, signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

browserTest("the trace page shows a lot's mass balance beside the recall and downloads its FSMA 204 spreadsheet", async ({ page }) => {
  const session = await signUp();
  const token = session.accessToken;
  const warehouse = (await call('POST', '/warehouses', { code: 'WH', name: 'Main' }, token)).body;
  const dock = (await call('POST', '/locations', { warehouseId: warehouse.id, code: 'DOCK', name: 'Dock', type: 'receiving' }, token)).body;
  const mill = (await call('POST', '/suppliers', { code: 'MILL', name: 'Młyn Stoisław' }, token)).body;
  const shop = (await call('POST', '/customers', { code: 'SHOP', name: 'Café Lipowa' }, token)).body;
  const flour = (await call('POST', '/products', { code: 'FLOUR', name: 'Wheat flour', type: 'raw', uom: 'kg' }, token)).body;
  const receipt = (await call('POST', '/receipts', { supplierId: mill.id, locationId: dock.id, lines: [{ productId: flour.id, qty: 100, lot: 'L-7' }] }, token)).body;
  const plate = receipt.licensePlates[0];
  const part = (await call('POST', `/license-plates/${plate.id}/split`, { qty: 40 }, token)).body.licensePlate;
  expect((await call('POST', '/shipments', { customerId: shop.id, licensePlateIds: [part.id], shipDate: '2026-03-02' }, token)).status).toBe(201);
  expect((await call('POST', `/license-plates/${plate.id}/adjust`, { qty: 59.5, reason: 'stock count' }, token)).status).toBe(200);

  await signInAs(page, session);
  await page.goto(`/trace?productId=${flour.id}&lot=L-7&direction=forward`);
  const balance = page.getByTestId('mass-balance');
  await balance.getByText('Mass balance of lot L-7').waitFor();
  await page.getByTestId('recall-summary').waitFor();
  // The recall summary says its quantities with their unit.
  await page.getByTestId('recall-summary').getByText('59.5 kg').first().waitFor();
  expect(await page.getByTestId('mass-balance-received').innerText()).toContain('100 kg');
  expect(await page.getByTestId('mass-balance-shipped').innerText()).toContain('40 kg');
  expect(await page.getByTestId('mass-balance-adjusted').innerText()).toContain('-0.5 kg');
  expect(await page.getByTestId('mass-balance-onHand').innerText()).toContain('59.5 kg');
  expect(await page.getByTestId('mass-balance-unaccounted').innerText()).toContain('0 kg');
  await page.getByTestId('mass-balance-status').getByText('Every gram explained').waitFor();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('fsma204-csv').click()]);
  expect(download.suggestedFilename()).toBe('fsma204-FLOUR-L-7.csv');
  const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^Traceability Lot Code,Product Description,Quantity,Unit of Measure,Location Description,Date,/);
  expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['L-7', 'L-7']);
  expect(lines.find((line) => line.includes(',Shipping,'))).toContain('Café Lipowa');
  expect(lines.find((line) => line.includes(',Receiving,'))).toContain('Młyn Stoisław');
});

browserTest('an admin sets the GS1 company prefix and tests a barcode in the settings', async ({ page }) => {
  const session = await signUp();
  const flour = (await call('POST', '/products', { code: 'FLOUR', name: 'Wheat flour', type: 'raw', uom: 'kg', gtin: '5901234123457' }, session.accessToken)).body;
  await signInAs(page, session);
  await page.goto('/settings');
  await page.getByTestId('gs1-company-prefix').fill('590123');
  await page.getByRole('button', { name: 'Save' }).click();
  // Six digits: the server names the field and the form shows why.
  await page.getByText('must be 7 to 10 digits, as GS1 issued it').waitFor();
  await page.getByTestId('gs1-company-prefix').fill('5901234');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await call('GET', '/settings', undefined, session.accessToken)).body.gs1CompanyPrefix).toBe('5901234');

  await page.getByTestId('gs1-test-input').fill('(01)05901234123457(10)L-1(17)270200');
  await page.getByTestId('gs1-test-read').click();
  const result = page.getByTestId('gs1-test-result');
  await result.getByText('2027-02-28').waitFor();
  await result.getByText('L-1').waitFor();
  await page.getByTestId('gs1-test-product').getByText(flour.name).waitFor();
  await page.getByTestId('gs1-test-input').fill('(01)05901234123458');
  await page.getByTestId('gs1-test-read').click();
  await page.getByTestId('gs1-test-error').getByText('(01) has a wrong check digit').waitFor();
});
