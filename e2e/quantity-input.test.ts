import { expect } from 'vitest';
import { call, signInAs, signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

browserTest("a quantity field takes no digit beyond the API's scale or maximum, and a comma types the point", async ({ page }) => {
  const session = await signUp();
  const token = session.accessToken;
  const warehouse = (await call('POST', '/warehouses', { code: 'WH', name: 'Main' }, token)).body;
  const dock = (await call('POST', '/locations', { warehouseId: warehouse.id, code: 'DOCK', name: 'Dock', type: 'receiving' }, token)).body;
  const salt = (await call('POST', '/products', { code: 'SALT', name: 'Salt', type: 'raw', uom: 'kg' }, token)).body;
  const receipt = (await call('POST', '/receipts', { locationId: dock.id, lines: [{ productId: salt.id, qty: 10, lot: 'S-1' }] }, token)).body;
  const lp = receipt.licensePlates[0];

  await signInAs(page, session);
  await page.goto(`/license-plates/${lp.id}`);
  await page.getByTestId('lp-split').click();
  const qty = page.getByRole('dialog').getByLabel('Quantity for the new plate');
  // API.md: at most 999,999,999.999999 — the tenth digit and the seventh decimal are refused as typed.
  await qty.pressSequentially('1234567890.1234567');
  expect(await qty.inputValue()).toBe('123456789.123456');
  await qty.fill('');
  await qty.pressSequentially('2,5');
  expect(await qty.inputValue()).toBe('2.5');
  await page.getByTestId('lp-action-submit').click();
  await page.waitForURL((url) => /\/license-plates\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(lp.id));
  expect((await call('GET', `/license-plates/${lp.id}`, undefined, token)).body.qty).toBe(7.5);
});
