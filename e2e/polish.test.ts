import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { call, signInAs, signUp, type Session } from './api.js';
import { browserTest, useBrowser } from './browser.js';

// The planner's desk in Polish: the server's refusals and field errors read in Polish (from the
// problem's code and params), units and decimals follow the locale; the receiving form starts the
// next receipt after an order is fully received; cancelling a purchase order asks first.

useBrowser();

const shots = join(process.cwd(), 'e2e', 'screenshots', 'polish');
const widths = [1440, 1024, 390] as const;

/** The screen at the three widths people use (desk, tablet, phone), for looking at. */
async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  const original = page.viewportSize();
  for (const width of widths) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : width === 1024 ? 768 : 900 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

async function masterData(session: Session) {
  const token = session.accessToken;
  const warehouse = (await call('POST', '/warehouses', { code: 'WH1', name: 'Magazyn główny' }, token)).body;
  const dock = (await call('POST', '/locations', { warehouseId: warehouse.id, code: 'DOCK', name: 'Rampa', type: 'receiving' }, token)).body;
  const supplier = (await call('POST', '/suppliers', { code: 'MLYN', name: 'Młyn Kamienny' }, token)).body;
  const flour = (await call('POST', '/products', { code: 'MAKA', name: 'Mąka żytnia', type: 'raw', uom: 'kg', shelfLifeDays: 120 }, token)).body;
  const jars = (await call('POST', '/products', { code: 'SLOIK', name: 'Słoik 0,5 l', type: 'packaging', uom: 'pcs' }, token)).body;
  expect((await call('PATCH', '/settings', { overReceiptTolerancePercent: 0 }, token)).status).toBe(200);
  return { warehouse, dock, supplier, flour, jars };
}

async function approvedOrder(session: Session, supplierId: string, lines: { productId: string; qty: number }[]) {
  const order = (await call('POST', '/purchase-orders', { supplierId, lines }, session.accessToken)).body;
  return (await call('POST', `/purchase-orders/${order.id}/approve`, undefined, session.accessToken)).body;
}

async function pick(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByLabel(label).first().click();
  await page.getByRole('option', { name: option }).click();
}

browserTest('in Polish, a refusal and a field error from the server read in Polish, with Polish units and decimals', async ({ page }) => {
  const session = await signUp({ name: 'Anna Nowak' });
  const { supplier, flour, jars } = await masterData(session);
  const order = await approvedOrder(session, supplier.id, [{ productId: flour.id, qty: 40.4 }]);
  await signInAs(page, session, 'pl');

  // More than ordered: the server's over_receipt, told in Polish with the order's numbers.
  await page.goto(`/receiving?purchaseOrderId=${order.id}`);
  const line = page.getByTestId('receipt-line-0');
  const qty = line.getByLabel('Ilość na nośnik');
  await expect.poll(() => qty.inputValue()).toBe('40,4');
  await qty.fill('');
  await qty.pressSequentially('50.5');
  // The decimal separator is the language's, whichever key typed it.
  expect(await qty.inputValue()).toBe('50,5');
  await line.getByLabel('Partia').fill('ZYT-2411');
  await pick(page, 'Lokalizacja', /Rampa/);
  await page.getByTestId('receive-submit').click();
  const refusal = page.getByText('Więcej niż zamówiono: zamówiono 40,4, przyjęto już 0, tolerancja 0 %.');
  await refusal.waitFor();
  await screenshots(page, 'receiving-refused');
  expect(await page.getByText(/receiving more than ordered/).count()).toBe(0);

  // A lot longer than the API takes: Zod's too_big, on the field, in Polish.
  await qty.fill('40,4');
  await line.getByLabel('Partia').fill('L'.repeat(101));
  await page.getByTestId('receive-submit').click();
  await line.getByText('Najwyżej 100 znaków').waitFor();

  await line.getByLabel('Partia').fill('ZYT-2411');
  await page.getByTestId('receive-submit').click();
  const result = page.getByTestId('receipt-result');
  await result.waitFor();
  await result.getByText('40,4 kg').waitFor();

  // Pieces are "szt." in Polish.
  const jarLine = page.getByTestId('receipt-line-0');
  await pick(page, 'Produkt', /Słoik/);
  await expect.poll(() => jarLine.getByText('szt.', { exact: true }).count()).toBe(1);
  await jarLine.getByLabel('Ilość na nośnik').fill('12');
  await jarLine.getByLabel('Partia').fill('S-1');
  await pick(page, 'Lokalizacja', /Rampa/);
  await page.getByTestId('receive-submit').click();
  await result.getByText('12 szt.').waitFor();
  const jarPlate = (await call('GET', `/license-plates?productId=${jars.id}`, undefined, session.accessToken)).body.items[0];
  await page.goto(`/license-plates/${jarPlate.id}`);
  await page.getByTestId('lp-qty').getByText('12 szt.').waitFor();

  // A refusal that names no field: a notification, its statuses and action in Polish too.
  const other = await approvedOrder(session, supplier.id, [{ productId: jars.id, qty: 5 }]);
  // Someone else cancels it meanwhile; without live updates this page does not know yet.
  await page.route('**/api/v1/events**', (route) => route.abort());
  await page.goto(`/purchase-orders/${other.id}`);
  await page.getByTestId('po-status').getByText('Zatwierdzone').waitFor();
  expect((await call('POST', `/purchase-orders/${other.id}/cancel`, undefined, session.accessToken)).status).toBe(200);
  await page.getByTestId('cancel-order').click();
  await page.getByRole('dialog').getByTestId('confirm-cancel-order').click();
  await page.getByText(`Zamówienie zakupu ${other.number} ma status „Anulowane”; „anuluj” jest możliwe tylko w statusie „Szkic” lub „Zatwierdzone”.`).waitFor();
  await screenshots(page, 'po-refused-polish');
});

browserTest('after a fully received order the receiving form starts the next receipt, and offers the new plate\'s label', async ({ page }) => {
  const session = await signUp();
  const { supplier, flour, jars } = await masterData(session);
  const order = await approvedOrder(session, supplier.id, [{ productId: flour.id, qty: 600 }]);
  await signInAs(page, session);

  await page.goto(`/purchase-orders/${order.id}`);
  // One "Received" column; the bar beside it is the progress.
  await expect.poll(() => page.locator('th', { hasText: /^Received$/ }).count()).toBe(1);
  await page.getByTestId('receive').click();
  await page.waitForURL(/\/receiving\?purchaseOrderId=/);
  const line = page.getByTestId('receipt-line-0');
  await expect.poll(() => line.getByLabel('Quantity per plate').inputValue()).toBe('600');
  await line.getByLabel('Lot').fill('RYE-1');
  await pick(page, 'Location', /Rampa/);
  await page.getByTestId('receive-submit').click();
  const result = page.getByTestId('receipt-result');
  await result.getByTestId('lp-number').waitFor();
  const plate = (await call('GET', `/license-plates?productId=${flour.id}`, undefined, session.accessToken)).body.items[0];
  expect(await result.getByTestId('print-label').getAttribute('href')).toBe(`/labels/${plate.id}`);
  await result.getByTestId('print-label').getByText('Print label').waitFor();
  await screenshots(page, 'receiving-done');

  // The order is fully received: the next receipt starts free of it, supplier and product choosable.
  expect(new URL(page.url()).search).toBe('');
  expect(await page.getByTestId('receipt-order-let-go').count()).toBe(0);
  expect(await page.getByTestId('receipt-po').inputValue()).toBe('');
  await page.getByTestId('receipt-supplier').waitFor();
  const next = page.getByTestId('receipt-line-0');
  expect(await next.getByLabel('Product').isDisabled()).toBe(false);
  await pick(page, 'Supplier', /Młyn/);
  await pick(page, 'Product', /Słoik/);
  await next.getByLabel('Quantity per plate').fill('24');
  await next.getByLabel('Lot').fill('J-1');
  await pick(page, 'Location', /Rampa/);
  await page.getByTestId('receive-submit').click();
  await result.getByText('24 pcs').waitFor();
  expect((await call('GET', `/license-plates?productId=${jars.id}`, undefined, session.accessToken)).body.items).toHaveLength(1);

  // An address naming an order that takes no more receipts lets the order go, and says so.
  await page.goto(`/receiving?purchaseOrderId=${order.id}`);
  await page.getByTestId('receipt-order-let-go').waitFor();
  expect(await page.getByTestId('receipt-line-0').getByLabel('Product').isDisabled()).toBe(false);
});

browserTest('cancelling a purchase order asks first; keeping it changes nothing', async ({ page }) => {
  const session = await signUp();
  const { supplier, flour } = await masterData(session);
  const order = await approvedOrder(session, supplier.id, [{ productId: flour.id, qty: 100 }]);
  await signInAs(page, session);
  await page.goto(`/purchase-orders/${order.id}`);
  await page.getByTestId('po-status').getByText('Approved').waitFor();

  await page.getByTestId('cancel-order').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(`Cancel ${order.number}?`).waitFor();
  await screenshots(page, 'po-cancel-confirm');
  await dialog.getByTestId('keep-order').click();
  await dialog.waitFor({ state: 'hidden' });
  expect((await call('GET', `/purchase-orders/${order.id}`, undefined, session.accessToken)).body.status).toBe('approved');

  await page.getByTestId('cancel-order').click();
  await page.getByRole('dialog').getByTestId('confirm-cancel-order').click();
  await page.getByTestId('po-status').getByText('Cancelled').waitFor();
  expect((await call('GET', `/purchase-orders/${order.id}`, undefined, session.accessToken)).body.status).toBe('cancelled');
  // The notification sits at the bottom, clear of the header's buttons.
  const notification = page.locator('.mantine-Notification-root').first();
  await notification.waitFor();
  const box = (await notification.boundingBox())!;
  expect(box.y).toBeGreaterThan((page.viewportSize()!.height / 2));
  await screenshots(page, 'po-cancelled');
});
