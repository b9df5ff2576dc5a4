import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { call, signInAs, signUp, type Session } from './api.js';
import { browserTest, useBrowser, viewports } from './browser.js';

useBrowser();

const shots = join(process.cwd(), 'e2e', 'screenshots', 'screens');

async function seed(session: Session) {
  const token = session.accessToken;
  // A webhook whose receiver is not there: the deliveries of the events below fail, with the error shown.
  const webhook = (await call('POST', '/webhooks', { url: 'http://127.0.0.1:9/hooks/monopilot', events: ['work_order.updated', 'receipt.created'] }, token)).body;
  const warehouse = (await call('POST', '/warehouses', { code: 'MAIN', name: 'Main warehouse' }, token)).body;
  for (const [code, name, type] of [
    ['RCV-01', 'Receiving dock', 'receiving'],
    ['A-01-01', 'Rack A, bay 1', 'storage'],
    ['LINE-1', 'Mixing line 1', 'production'],
    ['QUAR', 'Quarantine cage', 'quarantine'],
  ]) {
    await call('POST', '/locations', { warehouseId: warehouse.id, code, name, type }, token);
  }
  await call('POST', '/suppliers', { code: 'MLYN', name: 'Młyn Stoisław', email: 'orders@mlyn.example', phone: '+48 58 000 00 00' }, token);
  await call('POST', '/customers', { code: 'SPOLEM', name: 'Społem Gdańsk', email: 'zakupy@spolem.example' }, token);
  await call('POST', '/products', { code: 'FLOUR-550', name: 'Wheat flour type 550', type: 'raw', uom: 'kg', shelfLifeDays: 180, allergens: ['gluten'] }, token);
  await call('POST', '/products', { code: 'MILK-32', name: 'Milk 3.2%', type: 'raw', uom: 'l', shelfLifeDays: 7, allergens: ['milk'] }, token);
  await call('POST', '/products', { code: 'BREAD-RYE', name: 'Rye sourdough bread 500 g with a rather long name', type: 'finished', uom: 'pcs', shelfLifeDays: 5 }, token);
  await call('POST', '/products', { code: 'BAG-500', name: 'Paper bag 500 g', type: 'packaging', uom: 'pcs' }, token);
  const locations = (await call('GET', '/locations', undefined, token)).body.items;
  const products = (await call('GET', '/products', undefined, token)).body.items;
  const supplier = (await call('GET', '/suppliers', undefined, token)).body.items[0];
  const flour = products.find((product: { code: string }) => product.code === 'FLOUR-550');
  const order = await call('POST', '/purchase-orders', { supplierId: supplier.id, expectedDate: '2030-01-15', lines: [{ productId: flour.id, qty: 1000 }] }, token);
  let receipt: any = null;
  if (order.status === 201) {
    await call('POST', `/purchase-orders/${order.body.id}/approve`, {}, token);
    const dock = locations.find((location: { code: string }) => location.code === 'RCV-01');
    receipt = (await call('POST', '/receipts', { purchaseOrderId: order.body.id, locationId: dock.id, lines: [{ productId: flour.id, poLineId: order.body.lines[0].id, qty: 250, lot: 'M-2411-07', count: 2 }] }, token)).body;
  }
  // Bread with a recipe, and work orders in several states, for the board, the detail and the terminal.
  const bread = products.find((product: { code: string }) => product.code === 'BREAD-RYE');
  const bom = await call('POST', '/boms', { productId: bread.id, outputQty: 10, effectiveFrom: '2020-01-01', items: [{ productId: flour.id, qty: 4, scrapPercent: 2 }] }, token);
  const orders: any[] = [];
  if (bom.status === 201 && (await call('POST', `/boms/${bom.body.id}/activate`, {}, token)).status === 200) {
    for (const steps of [[], ['release'], ['release', 'start'], ['release', 'start', 'hold'], ['release', 'start', 'complete']]) {
      const created = await call('POST', '/work-orders', { productId: bread.id, plannedQty: 120 }, token);
      if (created.status !== 201) break;
      for (const step of steps) await call('POST', `/work-orders/${created.body.id}/${step}`, {}, token);
      orders.push(created.body);
    }
  }
  const running = orders[2];
  if (running && receipt?.licensePlates?.[0]) {
    await call('POST', `/work-orders/${running.id}/consumptions`, { licensePlateId: receipt.licensePlates[0].id, qty: 20 }, token);
  }
  return { warehouse, order: order.status === 201 ? order.body : null, lp: receipt?.licensePlates?.[0] ?? null, running, webhook };
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth);
  expect(overflow, `page at ${page.url()} scrolls sideways`).toBeLessThanOrEqual(0);
}

async function capture(page: Page, name: string, viewport: keyof typeof viewports) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(150); // let transitions settle before the picture
  await page.screenshot({ path: join(shots, `${name}-${viewport}.png`), fullPage: true });
  await noSidewaysScroll(page);
}

for (const viewport of ['desktop', 'phone'] as const) {
  browserTest(
    `every screen renders without sideways scrolling at ${viewports[viewport].width} px`,
    async ({ page, newPage }) => {
      mkdirSync(shots, { recursive: true });
      const guest = await newPage(viewport);
      await guest.goto('/sign-in');
      await capture(guest, 'sign-in', viewport);
      await guest.goto('/sign-up');
      await capture(guest, 'sign-up', viewport);

      const session = await signUp({ name: 'Anna Kowalska', organizationName: 'Piekarnia Pod Lipami' });
      const { warehouse, order, lp, running, webhook } = await seed(session);
      const products = (await call('GET', '/products', undefined, session.accessToken)).body.items;
      await signInAs(page, session);
      const screens: Array<[string, string]> = [
        ['dashboard', '/dashboard'],
        ['products', '/products'],
        ['product-detail', `/products/${products.find((product: { code: string }) => product.code === 'BREAD-RYE').id}`],
        ['warehouses', '/warehouses'],
        ['warehouse-detail', `/warehouses/${warehouse.id}`],
        ['suppliers', '/suppliers'],
        ['customers', '/customers'],
        ['users', '/users'],
        ['roles', '/roles'],
        ['settings', '/settings'],
        ['purchase-orders', '/purchase-orders'],
        ['receiving', '/receiving'],
        ['license-plates', '/license-plates'],
        ['work-orders', '/work-orders'],
        ['terminal', '/terminal'],
        ['trace', '/trace'],
        ['shipments', '/shipments'],
        ['sales-orders', '/sales-orders'],
        ['webhooks', '/webhooks'],
        ['profile', '/profile'],
        ...(webhook?.id ? [['webhook-detail', `/webhooks/${webhook.id}`] as [string, string]] : []),
        ...(running ? [['work-order-detail', `/work-orders/${running.id}`] as [string, string], ['terminal-run', `/terminal/${running.id}`] as [string, string]] : []),
        ...(order ? [['purchase-order-detail', `/purchase-orders/${order.id}`] as [string, string]] : []),
        ...(lp ? [['license-plate-detail', `/license-plates/${lp.id}`] as [string, string], ['trace-plate', `/trace?licensePlateId=${lp.id}`] as [string, string]] : []),
      ];
      for (const [name, path] of screens) {
        await page.goto(path);
        await page.getByRole('heading').first().waitFor();
        await capture(page, name, viewport);
      }
      await page.goto('/products');
      await page.getByTestId('new-product').click();
      await page.getByRole('dialog').waitFor();
      await capture(page, 'product-form', viewport);
      await page.goto(`/products/${products.find((product: { code: string }) => product.code === 'BREAD-RYE').id}`);
      await page.getByTestId('bom-new').click();
      await page.getByRole('dialog').waitFor();
      await page.getByTestId('bom-add-item').click();
      await capture(page, 'bom-form', viewport);
      await page.goto('/webhooks');
      await page.getByTestId('new-webhook').click();
      await page.getByRole('dialog').waitFor();
      await capture(page, 'webhook-form', viewport);
      if (lp) {
        await page.goto(`/labels/${lp.id}`);
        await page.getByTestId('barcode').waitFor();
        await capture(page, 'label', viewport);
      }
      if (viewport === 'phone') {
        await page.goto('/dashboard');
        await page.getByRole('button', { name: 'More' }).click();
        await capture(page, 'navigation', viewport);
      }
    },
    { viewport, timeout: 180_000 },
  );
}
