import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { call, signInAs, signUp, type Session } from './api.js';
import { browserTest, useBrowser } from './browser.js';

// The production terminal as an operator uses it on a tablet (1024×768) and a phone (390×844),
// the label it prints, and what a planner sees of the materials before release (issue 18).

useBrowser();

const shots = join(process.cwd(), 'e2e', 'screenshots', 'terminal');
async function shoot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

const ok = <T = any>(response: { status: number; body: T }, what: string): T => {
  if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

/** A bakery: two plates of rye flour (one of them on hold), bread with a GTIN made of 1 kg flour per 2 loaves, a cake of sugar nobody has. */
async function bakery(session: Session) {
  const token = session.accessToken;
  const warehouse = ok(await call('POST', '/warehouses', { code: 'WH', name: 'Main' }, token), 'warehouse');
  const dock = ok(await call('POST', '/locations', { warehouseId: warehouse.id, code: 'DOCK', name: 'Dock', type: 'receiving' }, token), 'dock');
  ok(await call('POST', '/locations', { warehouseId: warehouse.id, code: 'LINE-1', name: 'Oven line', type: 'production' }, token), 'line');
  const flour = ok(await call('POST', '/products', { code: 'FLOUR', name: 'Rye flour', type: 'raw', uom: 'kg', shelfLifeDays: 120, allergens: ['gluten'] }, token), 'flour');
  const sugar = ok(await call('POST', '/products', { code: 'SUGAR', name: 'Sugar', type: 'raw', uom: 'kg' }, token), 'sugar');
  const bread = ok(await call('POST', '/products', { code: 'BREAD', name: 'Rye bread', type: 'finished', uom: 'pcs', shelfLifeDays: 4, gtin: '5901234123457' }, token), 'bread');
  const cake = ok(await call('POST', '/products', { code: 'CAKE', name: 'Sugar cake', type: 'finished', uom: 'pcs', shelfLifeDays: 4 }, token), 'cake');
  for (const [product, item] of [
    [bread, flour],
    [cake, sugar],
  ]) {
    const bom = ok(await call('POST', '/boms', { productId: product.id, outputQty: 2, effectiveFrom: '2020-01-01', items: [{ productId: item.id, qty: 1 }] }, token), 'bom');
    ok(await call('POST', `/boms/${bom.id}/activate`, {}, token), 'activate');
  }
  const receipt = ok(await call('POST', '/receipts', { locationId: dock.id, lines: [{ productId: flour.id, qty: 50, lot: 'RYE-77', count: 3 }] }, token), 'receipt');
  const [good, spare, held] = receipt.licensePlates;
  ok(await call('POST', `/license-plates/${held.id}/hold`, { reason: 'lab check' }, token), 'hold');
  return { flour, bread, cake, good, spare, held };
}

async function order(session: Session, productId: string, plannedQty: number, steps: string[]) {
  const created = ok(await call('POST', '/work-orders', { productId, plannedQty }, session.accessToken), 'work order');
  for (const step of steps) ok(await call('POST', `/work-orders/${created.id}/${step}`, {}, session.accessToken), step);
  return created;
}

const scanFocused = (page: Page) => page.getByTestId('terminal-scan').evaluate((element) => element === (globalThis as any).document.activeElement);

/** A keyboard-wedge scanner: fast keystrokes ending in Enter, into whatever has the focus. */
async function wedge(page: Page, code: string) {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

browserTest(
  'the terminal shows a held plate as unusable, keeps scans in the scan field, confirms with Enter and asks why before over-consuming',
  async ({ page }) => {
    const session = await signUp();
    const { bread, good, held } = await bakery(session);
    const wo = await order(session, bread.id, 20, ['release', 'start']);
    await signInAs(page, session);
    await page.goto(`/terminal/${wo.id}`);
    await expect.poll(() => scanFocused(page)).toBe(true);

    // A plate on hold: red card, the reason, Consume disabled.
    await wedge(page, held.number);
    const card = page.getByTestId('scanned-lp');
    await card.getByText(held.number).waitFor();
    expect(await card.getAttribute('data-usable')).toBe('false');
    await page.getByTestId('unusable-reasons').getByText(/QA status is On hold|QA status is hold/i).waitFor();
    expect(await page.getByTestId('terminal-consume').isDisabled()).toBe(true);
    await shoot(page, 'held-plate-1024');

    // An unknown plate: the error, and the focus is back on the scan field for the next scan.
    await wedge(page, 'LP-NOPE-1');
    await page.getByText(/LP-NOPE-1/).first().waitFor();
    await expect.poll(() => scanFocused(page)).toBe(true);

    // Focus elsewhere (a tap on the page): the next wedge scan still lands in the scan field.
    await page.getByTestId('terminal-produced').click();
    expect(await scanFocused(page)).toBe(false);
    await wedge(page, good.number);
    await card.getByText(good.number).waitFor();
    expect(await card.getAttribute('data-usable')).toBe('true');
    // What the order still needs (20 loaves need 10 kg), not the whole 50 kg plate.
    await expect.poll(() => page.getByTestId('terminal-qty').inputValue()).toBe('10');

    // Enter in the quantity field confirms.
    await page.getByTestId('terminal-qty').focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await call('GET', `/license-plates/${good.id}`, undefined, session.accessToken)).body.qty).toBe(40);
    await expect.poll(() => scanFocused(page)).toBe(true);

    // A scan that comes while the quantity field has the focus still goes to the scan field.
    await wedge(page, good.number);
    await card.getByText(good.number).waitFor();
    await page.getByTestId('terminal-qty').focus();
    await wedge(page, held.number);
    await card.getByText(held.number).waitFor();
    // The requirement is met: the next scan pre-fills 0; taking 5 more asks why.
    await wedge(page, good.number);
    await card.getByText(good.number).waitFor();
    await page.getByTestId('still-needed').getByText('The requirement is met').waitFor();
    await expect.poll(() => page.getByTestId('terminal-qty').inputValue()).toBe('0');
    await page.getByTestId('terminal-qty').fill('5');
    await page.getByTestId('terminal-qty').press('Enter');
    const dialog = page.getByTestId('over-consumption-body');
    await dialog.getByText(/15 kg of Rye flour against 10 kg required \(at most 11 kg/).waitFor();
    await shoot(page, 'over-consumption-1024');
    await page.getByTestId('over-consumption-reason').fill('Dough too dry, added flour');
    await page.getByTestId('over-consumption-confirm').click();
    await expect
      .poll(async () => (await call('GET', `/work-orders/${wo.id}`, undefined, session.accessToken)).body.consumptions.map((c: any) => c.overConsumptionReason))
      .toEqual([null, 'Dough too dry, added flour']);
    await page.getByTestId('over-consumption-reason-shown').getByText('Dough too dry, added flour').waitFor();

    // Reversed from the terminal.
    await page.getByTestId('terminal-reverse').first().click();
    await page.getByTestId('terminal-reverse-confirm').click();
    await expect.poll(async () => (await call('GET', `/license-plates/${good.id}`, undefined, session.accessToken)).body.qty).toBe(40);
    await shoot(page, 'terminal-1024');

    // The work-order page lists the reason too.
    await page.goto(`/work-orders/${wo.id}`);
    await page.getByTestId('consumption-reason').getByText('Dough too dry, added flour').waitFor();
  },
  { viewport: 'tablet', timeout: 90_000 },
);

browserTest(
  'starting without usable materials warns first; pause, resume and complete from the terminal; kiosk mode without the sidebar',
  async ({ page }) => {
    const session = await signUp();
    const { cake } = await bakery(session);
    const wo = await order(session, cake.id, 10, ['release']);
    await signInAs(page, session);
    await page.goto(`/terminal/${wo.id}`);
    await page.getByTestId('terminal-start').click();
    await page.getByTestId('start-warning').getByText(/Sugar: 0 of 5 kg usable/).waitFor();
    await shoot(page, 'start-warning-1024');
    await page.getByTestId('start-anyway').click();
    const status = async () => (await call('GET', `/work-orders/${wo.id}`, undefined, session.accessToken)).body.status;
    await expect.poll(status).toBe('in_progress');

    await page.getByTestId('terminal-hold').click();
    await page.getByTestId('pause-reason').fill('Mixer cleaning');
    await page.getByTestId('pause-confirm').click();
    await expect.poll(status).toBe('on_hold');
    await page.getByTestId('terminal-resume').click();
    await expect.poll(status).toBe('in_progress');

    // Kiosk: the terminal fills the screen, no sidebar (248 px) and no header.
    await page.getByTestId('enter-kiosk').click();
    await page.waitForURL(`**/kiosk/terminal/${wo.id}`);
    await page.reload(); // a tablet restarted on its kiosk address opens it again
    await page.getByTestId('kiosk').getByTestId('terminal-scan').waitFor();
    expect(await page.locator('.mantine-AppShell-navbar').count()).toBe(0);
    const scanBox = (await page.getByTestId('terminal-scan').boundingBox())!;
    expect(scanBox.x).toBeLessThan(60);
    await shoot(page, 'kiosk-1024');

    await page.getByTestId('terminal-complete').click();
    await page.getByTestId('complete-confirm').click();
    await expect.poll(status).toBe('completed');
    await page.getByTestId('exit-kiosk').click();
    await page.waitForURL(`**/terminal/${wo.id}`);
  },
  { viewport: 'tablet', timeout: 90_000 },
);

browserTest(
  'on a phone the output prints its label by itself and Print label stays above the bottom bar; the label carries allergens and a GS1-128',
  async ({ page }) => {
    const session = await signUp();
    const { bread } = await bakery(session);
    const wo = await order(session, bread.id, 20, ['release', 'start']);
    await signInAs(page, session);
    await page.goto(`/terminal/${wo.id}`);
    await page.getByTestId('output-qty').fill('20');
    await page.getByTestId('output-location').click();
    await page.getByRole('option', { name: /Oven line/ }).click();
    await page.getByTestId('output-submit').click();
    await page.getByTestId('output-result').waitFor();
    const made = (await call('GET', `/work-orders/${wo.id}`, undefined, session.accessToken)).body.outputs[0];
    expect(await page.getByTestId('auto-print-label').getAttribute('src')).toBe(`/labels/${made.licensePlateId}?print=1`);
    await expect
      .poll(async () => {
        const button = await page.getByTestId('print-label').boundingBox();
        const bar = await page.locator('.mantine-AppShell-footer').boundingBox();
        return button !== null && bar !== null && button.y + button.height <= bar.y;
      })
      .toBe(true);
    await shoot(page, 'output-390');

    await page.goto(`/labels/${made.licensePlateId}`);
    await page.locator('[data-testid="label"][data-ready]').waitFor();
    await page.getByTestId('label-allergens').getByText(/gluten/i).waitFor();
    const gs1 = page.getByTestId('gs1-barcode');
    expect(await gs1.getAttribute('data-text')).toMatch(/^\(01\)05901234123457\(10\)WO-\d{6}\(11\)\d{6}\(17\)\d{6}$/);
    expect(await gs1.locator('svg path').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('barcode').getAttribute('aria-label')).toBe(made.number);
    await shoot(page, 'label-390');
  },
  { viewport: 'phone', timeout: 90_000 },
);

browserTest(
  'a planner sees material availability on the new work-order form and on the board, before release',
  async ({ page }) => {
    const session = await signUp();
    const { bread } = await bakery(session);
    await order(session, bread.id, 200, []);
    await signInAs(page, session);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/work-orders');
    // 200 loaves need 100 kg; 100 kg usable (the held plate does not count): in stock.
    const badge = page.getByTestId('column-planned').getByTestId('availability-badge');
    await badge.waitFor();
    expect(await badge.getAttribute('data-short')).toBe('false');
    await page.getByTestId('new-work-order').click();
    // The product picker has the focus, its list open.
    await page.getByRole('option', { name: /BREAD/ }).click();
    await page.getByRole('dialog').getByLabel(/Planned/).fill('300');
    const row = page.getByTestId('availability-row');
    await row.first().waitFor();
    expect(await row.first().getAttribute('data-short')).toBe('true');
    await row.first().getByText('50 kg', { exact: true }).waitFor();
    await shoot(page, 'form-availability-1440');
  },
  { timeout: 90_000 },
);

browserTest(
  'the floor scanner pre-fills 0 once the requirement is met and asks why before consuming more',
  async ({ page }) => {
    const session = await signUp();
    const { bread, good } = await bakery(session);
    const wo = await order(session, bread.id, 20, ['release', 'start']);
    ok(await call('POST', `/work-orders/${wo.id}/consumptions`, { licensePlateId: good.id, qty: 10 }, session.accessToken), 'consume');
    await signInAs(page, session);
    await page.goto('/scan/produce');
    await page.getByTestId(`wo-${wo.number}`).click();
    await page.getByTestId('work-order').getByText('FLOUR: 10 / 10').waitFor();
    await page.waitForFunction(() => (globalThis as any).document.activeElement?.tagName === 'INPUT');
    await wedge(page, good.number);
    await expect.poll(() => page.getByTestId('consume-qty').inputValue()).toBe('0');
    await page.getByTestId('consume-qty').fill('2');
    await page.getByTestId('consume-reason').waitFor();
    expect(await page.getByTestId('consume-confirm').isDisabled()).toBe(true);
    await page.getByTestId('consume-reason').fill('Spilled dough replaced');
    await page.getByTestId('consume-confirm').click();
    await expect
      .poll(async () => (await call('GET', `/work-orders/${wo.id}`, undefined, session.accessToken)).body.consumptions.map((c: any) => c.overConsumptionReason))
      .toEqual([null, 'Spilled dough replaced']);
  },
  { viewport: 'scanner', timeout: 60_000 },
);

browserTest(
  'a plate split off offers its own label, and every plate page prints one',
  async ({ page }) => {
    const session = await signUp();
    const { good } = await bakery(session);
    await signInAs(page, session);
    await page.goto(`/license-plates/${good.id}`);
    expect(await page.getByTestId('print-label').getAttribute('href')).toBe(`/labels/${good.id}?print=1`);
    await page.getByTestId('lp-split').click();
    await page.getByRole('dialog').getByLabel('Quantity for the new plate').fill('20');
    await page.getByTestId('lp-action-submit').click();
    await page.waitForURL((url) => /\/license-plates\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(good.id));
    const newId = page.url().split('/').pop()!;
    await page.getByTestId('split-result').getByText(`${good.number} split`).waitFor();
    expect(await page.getByTestId('split-print-label').getAttribute('href')).toBe(`/labels/${newId}?print=1`);
    await shoot(page, 'split-1440');
  },
  { timeout: 60_000 },
);

browserTest(
  'in Polish the terminal writes its numbers the Polish way, beside the badges',
  async ({ page }) => {
    const session = await signUp();
    const { bread, good } = await bakery(session);
    const wo = await order(session, bread.id, 20, ['release', 'start']);
    ok(await call('POST', `/work-orders/${wo.id}/consumptions`, { licensePlateId: good.id, qty: 10.4, overConsumptionReason: 'Próba' }, session.accessToken), 'consume');
    await signInAs(page, session, 'pl');
    await page.goto(`/terminal/${wo.id}`);
    await page.getByTestId('terminal-material').getByText('FLOUR: 10,4 / 10').waitFor();
    await wedge(page, good.number);
    await page.getByTestId('scanned-lp').getByText(/39,6 kg/).waitFor();
    await page.getByTestId('terminal-consumption').getByText(/10,4 kg/).waitFor();
    await page.getByTestId('still-needed').getByText(/Zapotrzebowanie pokryte/).waitFor();
    await shoot(page, 'terminal-pl-1024');
  },
  { viewport: 'tablet', timeout: 60_000 },
);

const sizes = { 1440: { width: 1440, height: 900 }, 1024: { width: 1024, height: 768 }, 390: { width: 390, height: 844 } } as const;

browserTest(
  'screens changed for issue 18, at 1440, 1024 and 390 px',
  async ({ page }) => {
    const session = await signUp();
    const { bread, good } = await bakery(session);
    const planned = await order(session, bread.id, 20, []);
    const running = await order(session, bread.id, 20, ['release', 'start']);
    ok(await call('POST', `/work-orders/${running.id}/consumptions`, { licensePlateId: good.id, qty: 12, overConsumptionReason: 'Trial batch' }, session.accessToken), 'consume');
    await signInAs(page, session);
    for (const [width, size] of Object.entries(sizes)) {
      await page.setViewportSize(size);
      for (const [name, path] of [
        ['terminal', `/terminal/${running.id}`],
        ['kiosk', `/kiosk/terminal/${running.id}`],
        ['board', '/work-orders'],
        ['detail-planned', `/work-orders/${planned.id}`],
        ['detail-running', `/work-orders/${running.id}`],
        ['plate', `/license-plates/${good.id}`],
        ['label', `/labels/${good.id}`],
        ['settings', '/settings'],
      ] as const) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        await shoot(page, `${name}-${width}`);
      }
    }
  },
  { timeout: 180_000 },
);
