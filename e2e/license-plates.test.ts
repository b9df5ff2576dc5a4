import { expect } from 'vitest';
import { call, signInAs, signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

browserTest('a plate is found by scanning its number, split, moved and put on hold', async ({ page }) => {
  const session = await signUp();
  const token = session.accessToken;
  const warehouse = (await call('POST', '/warehouses', { code: 'WH', name: 'Main' }, token)).body;
  const dock = (await call('POST', '/locations', { warehouseId: warehouse.id, code: 'DOCK', name: 'Dock', type: 'receiving' }, token)).body;
  await call('POST', '/locations', { warehouseId: warehouse.id, code: 'A-01', name: 'Rack A1', type: 'storage' }, token);
  const sugar = (await call('POST', '/products', { code: 'SUGAR', name: 'Sugar', type: 'raw', uom: 'kg', shelfLifeDays: 365 }, token)).body;
  const receipt = (await call('POST', '/receipts', { locationId: dock.id, lines: [{ productId: sugar.id, qty: 100, lot: 'S-1' }] }, token)).body;
  const lp = receipt.licensePlates[0];

  await signInAs(page, session);
  await page.goto('/license-plates');
  await page.getByTestId('lp-scan').fill(lp.number.toLowerCase());
  await page.getByTestId('lp-scan').press('Enter');
  await page.waitForURL(`**/license-plates/${lp.id}`);

  await page.getByTestId('lp-split').click();
  await page.getByRole('dialog').getByLabel('Quantity for the new plate').fill('40');
  await page.getByTestId('lp-action-submit').click();
  // The app opens the new plate; the source keeps the rest.
  await page.waitForURL((url) => /\/license-plates\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(lp.id));
  await page.getByTestId('lp-qty').getByText('40 kg').waitFor();
  expect((await call('GET', `/license-plates/${lp.id}`, undefined, token)).body.qty).toBe(60);

  await page.getByTestId('lp-move').click();
  await page.getByRole('dialog').getByLabel('New location').click();
  await page.getByRole('option', { name: /Rack A1/ }).click();
  await page.getByTestId('lp-action-submit').click();
  await page.getByTestId('lp-location').getByText('A-01').waitFor();

  await page.getByTestId('lp-hold').click();
  await page.getByTestId('lp-action-submit').click();
  // A hold needs a reason: the form says so and sends nothing.
  await page.getByRole('dialog').getByText('Required').waitFor();
  await page.getByRole('dialog').getByLabel('Reason').fill('foreign body found');
  await page.getByTestId('lp-action-submit').click();
  await page.getByTestId('lp-qa-status').getByText('On hold').waitFor();
  await page.getByTestId('ledger').getByText('QA hold').waitFor();
  await page.getByTestId('ledger').getByText('Split').waitFor();
});
