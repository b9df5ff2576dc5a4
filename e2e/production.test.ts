import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { call, signInAs, signUp, type Session } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

/** A small bakery: flour received onto a plate, bread with an active recipe (1 kg flour per 2 loaves). */
async function bakery(session: Session) {
  const token = session.accessToken;
  const ok = <T = any>(response: { status: number; body: T }, what: string): T => {
    if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const warehouse = ok(await call('POST', '/warehouses', { code: 'WH', name: 'Main' }, token), 'warehouse');
  const dock = ok(await call('POST', '/locations', { warehouseId: warehouse.id, code: 'DOCK', name: 'Dock', type: 'receiving' }, token), 'dock');
  const line = ok(await call('POST', '/locations', { warehouseId: warehouse.id, code: 'LINE-1', name: 'Oven line', type: 'production' }, token), 'line');
  const supplier = ok(await call('POST', '/suppliers', { code: 'MILL', name: 'Stone Mill' }, token), 'supplier');
  const customer = ok(await call('POST', '/customers', { code: 'SHOP', name: 'Corner Shop' }, token), 'customer');
  const flour = ok(await call('POST', '/products', { code: 'FLOUR', name: 'Rye flour', type: 'raw', uom: 'kg', shelfLifeDays: 120, allergens: ['gluten'] }, token), 'flour');
  const bread = ok(await call('POST', '/products', { code: 'BREAD', name: 'Rye bread', type: 'finished', uom: 'pcs', shelfLifeDays: 4 }, token), 'bread');
  const bom = ok(await call('POST', '/boms', { productId: bread.id, outputQty: 2, effectiveFrom: '2020-01-01', items: [{ productId: flour.id, qty: 1 }] }, token), 'bom');
  ok(await call('POST', `/boms/${bom.id}/activate`, {}, token), 'activate');
  const receipt = ok(await call('POST', '/receipts', { supplierId: supplier.id, locationId: dock.id, lines: [{ productId: flour.id, qty: 50, lot: 'RYE-77' }] }, token), 'receipt');
  return { warehouse, dock, line, supplier, customer, flour, bread, flourLp: receipt.licensePlates[0] };
}

async function createWorkOrder(session: Session, productId: string, plannedQty: number) {
  const response = await call('POST', '/work-orders', { productId, plannedQty }, session.accessToken);
  if (response.status !== 201) throw new Error(`work order: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function column(page: Page, number: string) {
  return page.getByTestId(`wo-${number}`).getAttribute('data-status');
}

browserTest('the board moves a card when another client changes the work order', async ({ page }) => {
  const session = await signUp();
  const { bread } = await bakery(session);
  const order = await createWorkOrder(session, bread.id, 20);
  await signInAs(page, session);
  await page.goto('/work-orders');
  await page.getByTestId('column-planned').getByTestId(`wo-${order.number}`).waitFor();
  await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();

  // Another client (here: the API directly) releases the order; no reload on this page.
  expect((await call('POST', `/work-orders/${order.id}/release`, {}, session.accessToken)).status).toBe(200);
  await page.getByTestId('column-released').getByTestId(`wo-${order.number}`).waitFor({ timeout: 5000 });
  expect(await column(page, order.number)).toBe('released');

  expect((await call('POST', `/work-orders/${order.id}/start`, {}, session.accessToken)).status).toBe(200);
  await page.getByTestId('column-in_progress').getByTestId(`wo-${order.number}`).waitFor({ timeout: 5000 });
});

browserTest(
  'a work order runs from release to output on the terminal, and the lot traces to its customer',
  async ({ page }) => {
    const session = await signUp();
    const { bread, flour, flourLp, customer } = await bakery(session);
    const order = await createWorkOrder(session, bread.id, 20);
    await signInAs(page, session);

    await page.goto(`/work-orders/${order.id}`);
    await page.getByTestId('wo-release').click();
    await page.getByTestId('wo-status').getByText('Released').waitFor();
    await page.getByText('Rye flour').first().waitFor(); // materials copied from the recipe

    await page.goto('/terminal');
    await page.getByTestId(`pick-${order.number}`).click();
    await page.getByTestId('terminal-start').click();
    const scan = page.getByTestId('terminal-scan');
    await expect.poll(() => scan.evaluate((element) => element === (globalThis as any).document.activeElement)).toBe(true);
    // A scanner types the number and Enter into the focused field.
    await page.keyboard.type(flourLp.number);
    await page.keyboard.press('Enter');
    await page.getByTestId('scanned-lp').getByText('Rye flour').waitFor();
    await page.getByTestId('terminal-qty').fill('10');
    await page.getByTestId('terminal-consume').click();
    await expect.poll(async () => (await call('GET', `/license-plates/${flourLp.id}`, undefined, session.accessToken)).body.qty).toBe(40);
    await expect.poll(() => scan.evaluate((element) => element === (globalThis as any).document.activeElement)).toBe(true);

    await page.getByTestId('output-qty').fill('20');
    await page.getByTestId('output-location').click();
    await page.getByRole('option', { name: /Oven line/ }).click();
    await page.getByTestId('output-submit').click();
    await page.getByTestId('output-result').waitFor();
    await page.getByTestId('terminal-produced').getByText('20 of 20').waitFor();

    const outputs = (await call('GET', `/work-orders/${order.id}`, undefined, session.accessToken)).body.outputs;
    expect(outputs).toHaveLength(1);
    const breadLp = outputs[0];

    const [label] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('print-label').click()]);
    await label.getByTestId('barcode').waitFor();
    expect(await label.getByTestId('barcode').getAttribute('aria-label')).toBe(breadLp.number);
    expect(await label.locator('[data-testid="barcode"] rect').count()).toBeGreaterThan(20);
    await label.close();

    // The bread leaves for the shop; tracing the flour lot forward ends at that customer.
    expect((await call('POST', '/shipments', { customerId: customer.id, licensePlateIds: [breadLp.licensePlateId] }, session.accessToken)).status).toBe(201);
    await page.goto(`/trace?productId=${flour.id}&lot=RYE-77&direction=forward`);
    const graph = page.getByTestId('trace-graph');
    await graph.locator(`[data-number="${breadLp.number}"]`).waitFor();
    await graph.locator(`[data-number="${flourLp.number}"]`).waitFor();
    await graph.getByTestId('trace-customer').getByText('Corner Shop').waitFor();
    await graph.getByTestId('trace-edge-label').getByText(order.number).waitFor(); // the edge names the work order

    await page.getByTestId('trace-direction').getByText('Where it came from').click();
    await graph.getByTestId('trace-supplier').getByText('Stone Mill').waitFor();
  },
  { timeout: 90_000 },
);
