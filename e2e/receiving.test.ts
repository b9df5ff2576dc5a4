import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { call, signInAs, signUp, type Session } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

async function masterData(session: Session) {
  const token = session.accessToken;
  const warehouse = (await call('POST', '/warehouses', { code: 'WH1', name: 'Main' }, token)).body;
  const dock = (await call('POST', '/locations', { warehouseId: warehouse.id, code: 'DOCK', name: 'Receiving dock', type: 'receiving' }, token)).body;
  const supplier = (await call('POST', '/suppliers', { code: 'MILL', name: 'Stone Mill' }, token)).body;
  const flour = (await call('POST', '/products', { code: 'FLOUR', name: 'Rye flour', type: 'raw', uom: 'kg', shelfLifeDays: 120 }, token)).body;
  return { warehouse, dock, supplier, flour };
}

async function pick(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByLabel(label).first().click();
  await page.getByRole('option', { name: option }).click();
}

browserTest('a purchase order is created, approved and received onto license plates', async ({ page }) => {
  const session = await signUp();
  const { flour } = await masterData(session);
  await signInAs(page, session);

  await page.goto('/purchase-orders');
  await page.getByTestId('new-purchase-order').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Supplier').click();
  await page.getByRole('option', { name: /Stone Mill/ }).click();
  await dialog.getByTestId('line-0-product').click();
  await page.getByRole('option', { name: /Rye flour/ }).click();
  await dialog.getByTestId('line-0-qty').fill('600');
  await dialog.getByRole('button', { name: 'Create' }).click();

  await page.waitForURL(/\/purchase-orders\/[0-9a-f-]{36}$/);
  await page.getByTestId('po-status').getByText('Draft').waitFor();
  await page.getByTestId('approve').click();
  await page.getByTestId('po-status').getByText('Approved').waitFor();
  await page.getByTestId('receive').click();

  await page.waitForURL(/\/receiving\?purchaseOrderId=/);
  const line = page.getByTestId('receipt-line-0');
  // The open order line is filled in with what is still to come.
  await expect.poll(() => line.getByLabel('Quantity per plate').inputValue()).toBe('600');
  await line.getByLabel('Quantity per plate').fill('300');
  await line.getByLabel('Plates').fill('2');
  await line.getByLabel('Lot').fill('RYE-2411');
  await pick(page, 'Location', /Receiving dock/);
  await page.getByTestId('receive-submit').click();

  const result = page.getByTestId('receipt-result');
  await result.waitFor();
  await expect.poll(() => result.getByTestId('lp-number').count()).toBe(2);

  const plates = await call('GET', `/license-plates?productId=${flour.id}`, undefined, session.accessToken);
  expect(plates.body.items).toHaveLength(2);
  expect(plates.body.items.map((lp: any) => [lp.qty, lp.lot])).toEqual([
    [300, 'RYE-2411'],
    [300, 'RYE-2411'],
  ]);
  const order = (await call('GET', '/purchase-orders', undefined, session.accessToken)).body.items[0];
  expect(order).toMatchObject({ status: 'received', lines: [{ qty: 600, receivedQty: 600 }] });

  // The plate's ledger starts with the receipt.
  await result.getByTestId('lp-number').first().click();
  await page.waitForURL(/\/license-plates\/[0-9a-f-]{36}$/);
  await page.getByTestId('ledger').getByText('Receipt').waitFor();
  await page.getByTestId('lp-qty').getByText('300 kg').waitFor();
});

browserTest('goods are received without an order, and a bad field is shown where it belongs', async ({ page }) => {
  const session = await signUp();
  await masterData(session);
  await signInAs(page, session);
  await page.goto('/receiving');
  const line = page.getByTestId('receipt-line-0');
  await line.getByLabel('Product').click();
  await page.getByRole('option', { name: /Rye flour/ }).click();
  await line.getByLabel('Quantity per plate').fill('25');
  await line.getByLabel('Lot').fill('L-1');
  await page.getByTestId('receive-submit').click();
  // No location: refused before sending.
  await page.getByText('Required').first().waitFor();

  await pick(page, 'Location', /Receiving dock/);
  await page.getByTestId('receive-submit').click();
  const result = page.getByTestId('receipt-result');
  await result.waitFor();
  await expect.poll(() => result.getByTestId('lp-number').count()).toBe(1);
  const plates = await call('GET', '/license-plates', undefined, session.accessToken);
  expect(plates.body.items).toHaveLength(1);
  expect(plates.body.items[0]).toMatchObject({ qty: 25, lot: 'L-1', status: 'available' });
  // Today + 120 days shelf life, as the API computes it.
  expect(plates.body.items[0].expiryDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});
