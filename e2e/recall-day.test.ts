import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { pdfText } from '../test/pdf-text.js';
import { call, signInAs, signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

const shots = join(process.cwd(), 'e2e', 'screenshots', 'recall-day');
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A flour lot received on a PO in three plates, partly baked into bread, one bread plate shipped to a shop with a named contact. */
async function bakery() {
  const session = await signUp();
  const token = session.accessToken;
  const ok = async (method: string, path: string, body?: unknown) => {
    const answer = await call(method, path, body, token);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const warehouse = await ok('POST', '/warehouses', { code: 'WH', name: 'Main' });
  const dock = await ok('POST', '/locations', { warehouseId: warehouse.id, code: 'DOCK', name: 'Dock', type: 'receiving' });
  const oven = await ok('POST', '/locations', { warehouseId: warehouse.id, code: 'OVEN', name: 'Oven', type: 'production' });
  const mill = await ok('POST', '/suppliers', { code: 'MILL', name: 'Młyn Stoisław', phone: '+48 58 555 00 00' });
  const shop = await ok('POST', '/customers', { code: 'SHOP', name: 'Café Lipowa', contactName: 'Anna Nowak', email: 'anna@lipowa.example', phone: '+48 600 100 200' });
  const flour = await ok('POST', '/products', { code: 'FLOUR', name: 'Wheat flour', type: 'raw', uom: 'kg' });
  const bread = await ok('POST', '/products', { code: 'BREAD', name: 'Rye bread', type: 'finished', uom: 'kg' });
  const bom = await ok('POST', '/boms', { productId: bread.id, outputQty: 10, effectiveFrom: day(-30), items: [{ productId: flour.id, qty: 6 }] });
  await ok('POST', `/boms/${bom.id}/activate`);
  const po = await ok('POST', '/purchase-orders', { supplierId: mill.id, lines: [{ productId: flour.id, qty: 75 }] });
  await ok('POST', `/purchase-orders/${po.id}/approve`);
  const receipt = await ok('POST', '/receipts', { purchaseOrderId: po.id, locationId: dock.id, lines: [{ productId: flour.id, poLineId: po.lines[0].id, qty: 25, count: 3, lot: 'MS-2411-07', expiryDate: day(3) }] });
  const wo = await ok('POST', '/work-orders', { productId: bread.id, plannedQty: 20 });
  for (const action of ['release', 'start']) await ok('POST', `/work-orders/${wo.id}/${action}`);
  await ok('POST', `/work-orders/${wo.id}/consumptions`, { licensePlateId: receipt.licensePlates[0].id, qty: 12 });
  const loaves = [];
  for (let index = 0; index < 2; index++) loaves.push((await ok('POST', `/work-orders/${wo.id}/outputs`, { qty: 10, locationId: oven.id, lot: 'BR-1', expiryDate: day(2) })).licensePlate);
  const shipment = await ok('POST', '/shipments', { customerId: shop.id, licensePlateIds: [loaves[0].id], shipDate: day(0) });
  return { session, flour, po, wo, receipt, loaves, shipment };
}

async function download(page: Page, button: Locator): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return readFile((await file.path())!);
}

async function screenshots(page: Page, name: string, ready: () => Promise<unknown>) {
  mkdirSync(shots, { recursive: true });
  for (const width of [1440, 1024, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await ready();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
    // A phone's first screen, at its own size, to read the header and the actions.
    if (width === 390) await page.screenshot({ path: join(shots, `${name}-${width}-top.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

browserTest('recall day: a raw lot searched in lower case from the header, traced forward and held in a few clicks, held on the graph and the dashboard, exported as CSV and PDF', async ({ page }) => {
  const story = await bakery();
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, story.session);
  await page.goto('/dashboard');
  let clicks = 0;
  const click = async (target: Locator) => {
    clicks++;
    await target.click();
  };

  // Search the lot in lower case from the header: Enter opens its trace on "Where it went".
  await click(page.getByTestId('global-search'));
  await page.keyboard.type('ms-2411-07');
  await page.getByTestId('global-search-hit').first().waitFor();
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, 'header-search-1440.png') });
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/trace\?.*direction=forward/);
  await page.getByTestId('trace-graph').waitFor();
  expect(await page.getByTestId('trace-direction').locator('label[data-active]').innerText()).toContain('Where it went');
  expect(await page.getByTestId('trace-lp').count()).toBe(5);

  // Hold everything still in the plant, with one reason.
  await click(page.getByTestId('hold-lot'));
  await page.getByTestId('hold-reason').fill('Supplier recall of flour MS-2411-07');
  await click(page.getByTestId('hold-submit'));
  await page.getByText('4 license plates on hold').waitFor();
  expect(clicks).toBeLessThanOrEqual(8);

  // Held on the graph: the three flour plates and the bread still here; the shipped loaf is not held and shows as shipped.
  await page.locator('[data-testid="trace-lp"][data-qa-status="hold"]').nth(3).waitFor();
  expect(await page.locator('[data-testid="trace-lp"][data-qa-status="hold"]').count()).toBe(4);
  expect(await page.getByTestId('trace-lp-held').count()).toBe(4);
  const shipped = page.locator(`[data-testid="trace-lp"][data-number="${story.loaves[0].number}"]`);
  expect(await shipped.getAttribute('data-qa-status')).not.toBe('hold');
  expect(await shipped.textContent()).toContain('Shipped');
  // The work order is named once on the graph, not once per link.
  expect(await page.getByTestId('trace-edge-label').allTextContents()).toEqual([story.wo.number]);
  await screenshots(page, 'trace-held', () => page.getByTestId('trace-graph').waitFor());

  // The exports an authority gets.
  const csv = (await download(page, page.getByTestId('recall-report-csv'))).toString('utf8');
  for (const expected of ['Recall report', 'MS-2411-07', story.session.email, story.po.number, story.receipt.number, 'Młyn Stoisław', story.wo.number, 'Anna Nowak', 'anna@lipowa.example', story.shipment.number, 'Still in the plant,73 kg (4 plates)', 'Shipped,10 kg']) {
    expect(csv).toContain(expected);
  }
  const pdf = await download(page, page.getByTestId('recall-report-pdf'));
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdfText(pdf).join('\n');
  for (const expected of ['Recall report: lot MS-2411-07', 'Anna Nowak', story.po.number, story.wo.number, story.shipment.number, 'Shipped: 10 kg']) expect(text).toContain(expected);

  // Held on the dashboard's expiry panel too, not only in the table.
  await page.goto('/dashboard');
  const expiring = page.getByTestId('dashboard-expiring');
  await expiring.getByTestId('dashboard-plate-held').first().waitFor();
  expect(await expiring.getByTestId('dashboard-plate-held').count()).toBe(4);
  await screenshots(page, 'dashboard', () => expiring.waitFor());
});

browserTest('a lot typed in any case and by a part is found without its product; a lot that is not there is said plainly, not as a failure', async ({ page }) => {
  const story = await bakery();
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, story.session);
  await page.goto('/trace');
  // The "By license plate" box given a lot finds the lot.
  await page.getByTestId('trace-number').fill('ms-2411-07');
  await page.keyboard.press('Enter');
  await page.waitForURL(/lot=MS-2411-07/);
  await page.getByTestId('trace-graph').waitFor();
  // By lot alone, a part of it, Enter to search.
  await page.getByTestId('trace-lot').fill('br-');
  await page.keyboard.press('Enter');
  await page.waitForURL(/lot=BR-1/);
  await page.getByTestId('trace-graph').waitFor();
  // A lot that matches nothing.
  await page.getByTestId('trace-lot').fill('zz-none');
  await page.keyboard.press('Enter');
  await page.getByTestId('trace-no-match').getByText('No lot matches').waitFor();
  await page.goto(`/trace?productId=${story.flour.id}&lot=NOPE`);
  await page.getByTestId('trace-missing').waitFor();
  expect(await page.getByText('Could not load').count()).toBe(0);
  await screenshots(page, 'trace-missing', () => page.getByTestId('trace-missing').waitFor());

  // The plate list finds the lot by a part of it and holds every lot it lists at once.
  await page.goto('/license-plates');
  await page.getByTestId('lp-lot-filter').fill('2411');
  await page.getByTestId('license-plates').getByText('MS-2411-07').first().waitFor();
  await page.getByTestId('hold-lots').click();
  await page.getByTestId('hold-reason').fill('Flour under investigation');
  await page.getByTestId('hold-submit').click();
  await page.getByText('1 lot(s) held').waitFor();
  await screenshots(page, 'plates-filtered', () => page.getByTestId('license-plates').waitFor());

  // The customer form names the person to call.
  await page.goto('/customers');
  await page.getByText('Café Lipowa').first().click();
  await page.getByTestId('customer-contact-name').waitFor();
  expect(await page.getByTestId('customer-contact-name').inputValue()).toBe('Anna Nowak');
  await screenshots(page, 'customer-form', () => page.getByTestId('customer-contact-name').waitFor());
});
