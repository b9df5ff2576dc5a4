import { expect } from 'vitest';
import { call, signInAs, signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

browserTest('a sales order goes from new to allocated, picked by scan, palletised with its label shown, and shipped', async ({ page }) => {
  const session = await signUp();
  const token = session.accessToken;
  const warehouse = (await call('POST', '/warehouses', { code: 'WH1', name: 'Main' }, token)).body;
  const aisle = (await call('POST', '/locations', { warehouseId: warehouse.id, code: 'A-01', name: 'Aisle A', type: 'storage' }, token)).body;
  await call('POST', '/customers', { code: 'DELI', name: 'Corner Deli', minRemainingShelfLifeDays: 3 }, token);
  const bread = (await call('POST', '/products', { code: 'RYE', name: 'Rye bread', type: 'finished', uom: 'pcs', shelfLifeDays: 10, gtin: '5901234123457' }, token)).body;
  const receipt = (await call('POST', '/receipts', { locationId: aisle.id, lines: [{ productId: bread.id, qty: 40, lot: 'RYE-1204' }] }, token)).body;
  const plate = receipt.licensePlates[0];
  expect((await call('PATCH', '/settings', { gs1CompanyPrefix: '5901234' }, token)).status).toBe(200);
  await signInAs(page, session);

  await page.goto('/sales-orders');
  await page.getByTestId('new-sales-order').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Customer').click();
  await page.getByRole('option', { name: /Corner Deli/ }).click();
  await dialog.getByTestId('so-line-0-product').click();
  await page.getByRole('option', { name: /Rye bread/ }).click();
  await dialog.getByTestId('so-line-0-qty').fill('40');
  await dialog.getByTestId('so-create').click();

  await page.waitForURL(/\/sales-orders\/[0-9a-f-]{36}$/);
  await page.getByTestId('so-status').getByText('Draft').waitFor();
  await page.getByTestId('so-confirm').click();
  await page.getByTestId('so-status').getByText('Confirmed').waitFor();
  await page.getByTestId('so-allocate').click();
  await page.getByTestId('so-status').getByText('Allocated').waitFor();
  await page.getByTestId('so-allocations').getByText(plate.number).waitFor();
  await page.getByTestId('so-pick-list').click();

  await page.waitForURL(/\/pick-lists\/[0-9a-f-]{36}$/);
  await page.getByTestId('pick-line').getByText('A-01').waitFor();
  await page.getByTestId('pick-barcode').fill(plate.number);
  await page.getByTestId('pick-qty').fill('40');
  await page.getByTestId('pick-confirm').click();
  await page.getByTestId('pick-list').getByText('Picked').waitFor();
  await page.getByRole('link', { name: /SO-000001/ }).click();

  await page.getByTestId('so-status').getByText('Picking').waitFor();
  await page.getByTestId('so-pallet').click();
  await page.waitForURL(/\/pallets\/[0-9a-f-]{36}$/);
  await page.getByTestId('pallet-sscc').getByText(/^05901234\d{10}$/).waitFor();
  await page.getByLabel('Put a picked plate on the pallet').first().click();
  await page.getByRole('option', { name: plate.number }).click();
  await page.getByTestId('pallet-add').click();
  await page.getByTestId('pallet-items').getByText(plate.number).waitFor();
  const preview = page.getByTestId('label-preview');
  await preview.waitFor();
  await expect.poll(() => preview.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);

  await page.getByRole('link', { name: /SO-000001/ }).click();
  await page.getByTestId('so-ship').click();
  await page.getByTestId('so-status').getByText('Shipped').waitFor();
  await page.getByTestId('so-shipment-link').waitFor();
  const order = (await call('GET', '/sales-orders', undefined, token)).body.items[0];
  expect(order).toMatchObject({ status: 'shipped', lines: [{ qty: 40, shippedQty: 40, backorderQty: 0 }] });
});
