import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { call, signInAs, signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';
import { coldStore, ledgerCount, shoot, wedgeScan } from './scan-helpers.js';

useBrowser();

/** After one visit the service worker controls /scan (and has precached the shell). */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const { serviceWorker } = (globalThis as any).navigator;
    await serviceWorker.ready;
    return Boolean(serviceWorker.controller);
  }, undefined, { timeout: 30_000 });
}

async function move(page: Page, lp: string, location: string) {
  await page.getByTestId('step-title').getByText('Scan the license plate').waitFor();
  await wedgeScan(page, lp);
  await page.getByTestId('step-title').getByText(`Scan where ${lp} goes`).waitFor();
  await wedgeScan(page, location);
  await page.getByTestId('scan-done').getByText(`Move ${lp} to ${location}`).waitFor();
}

async function hold(page: Page, lp: string) {
  await wedgeScan(page, lp);
  await page.getByTestId('reason-damaged').click();
  await page.getByTestId('hold-confirm').click();
  await page.getByTestId('scan-done').getByText(`Hold ${lp}: Damaged`).waitFor();
}

browserTest('the app shell starts without a network after one visit', async ({ page, context }) => {
  const session = await signUp();
  await signInAs(page, session);
  await page.goto('/scan');
  await page.getByTestId('tile-move').waitFor();
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.goto('/scan/lookup');
  await page.getByTestId('scan-title').getByText('Look up').waitFor();
  await page.getByTestId('offline-banner').waitFor();
  await shoot(page, 'offline-shell');
}, { viewport: 'scanner' });

browserTest(
  'five actions done offline survive a reload, and each reaches the server exactly once when back online',
  async ({ page, context }) => {
    const session = await signUp();
    const { plates, rackA, rackB } = await coldStore(session, 5);
    const [p1, p2, p3, p4, p5] = plates as [(typeof plates)[0], (typeof plates)[0], (typeof plates)[0], (typeof plates)[0], (typeof plates)[0]];
    await signInAs(page, session);
    // One visit online: the shell is installed and the locations are kept on the device.
    await page.goto('/scan/move');
    await page.getByTestId('step-title').waitFor();
    await waitForServiceWorker(page);
    await page.goto('/scan/hold');
    await page.getByTestId('step-title').waitFor();

    await context.setOffline(true);
    await page.goto('/scan/move');
    await page.getByTestId('offline-banner').waitFor();
    await move(page, p1.number, 'A-01');
    await move(page, p2.number, 'B-01');
    await move(page, p3.number, 'A-01');
    await page.getByTestId('scan-back').click();
    await page.getByTestId('tile-hold').click();
    await hold(page, p4.number);
    await hold(page, p5.number);
    await page.getByTestId('pending-count').getByText('5').waitFor();

    // Closed and opened again, still offline: the queue is on the device.
    await page.reload();
    await page.getByTestId('pending-count').getByText('5').waitFor();
    await page.getByTestId('queue-status').click();
    await expect.poll(() => page.getByTestId('action-pending').count()).toBe(5);
    await shoot(page, 'queue-offline');
    expect((await call('GET', `/license-plates/${p1.id}`, undefined, session.accessToken)).body.locationId).not.toBe(rackA.id);

    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('action-sent').count(), { timeout: 30_000 }).toBe(5);
    await page.getByTestId('pending-count').waitFor({ state: 'detached' });
    const plate = async (id: string) => (await call('GET', `/license-plates/${id}`, undefined, session.accessToken)).body;
    expect((await plate(p1.id)).locationId).toBe(rackA.id);
    expect((await plate(p2.id)).locationId).toBe(rackB.id);
    expect((await plate(p3.id)).locationId).toBe(rackA.id);
    expect((await plate(p4.id)).qaStatus).toBe('hold');
    expect((await plate(p5.id)).qaStatus).toBe('hold');
    for (const each of [p1, p2, p3]) expect(await ledgerCount(session, each.id, 'move')).toBe(1);
    for (const each of [p4, p5]) expect(await ledgerCount(session, each.id, 'hold')).toBe(1);
  },
  { viewport: 'scanner', timeout: 120_000 },
);

browserTest('a queued action the server refuses is shown with its reason and can be discarded', async ({ page, context }) => {
  const session = await signUp();
  const { plates } = await coldStore(session);
  await signInAs(page, session);
  await page.goto('/scan/hold');
  await page.getByTestId('step-title').waitFor();
  await context.setOffline(true);
  // Held twice on the floor before the Wi-Fi came back: the second is refused (already on hold).
  await hold(page, plates[0]!.number);
  await hold(page, plates[0]!.number);
  await context.setOffline(false);
  await page.getByTestId('refused-count').getByText('1').waitFor({ timeout: 30_000 });
  await page.getByTestId('queue-status').click();
  const refused = page.getByTestId('action-refused');
  await refused.getByTestId('refusal').waitFor();
  expect(await refused.getByTestId('refusal').innerText()).toMatch(/hold/i);
  await shoot(page, 'refused');
  expect(await ledgerCount(session, plates[0]!.id, 'hold')).toBe(1);
  await refused.getByTestId('discard').click();
  await refused.waitFor({ state: 'detached' });
}, { viewport: 'scanner', timeout: 90_000 });

browserTest('an answer lost on the way back is retried with the same key, and the work is done once', async ({ page }) => {
  const session = await signUp();
  const { plates, rackB } = await coldStore(session);
  await signInAs(page, session);
  let dropped = 0;
  // The server moves the plate, but its answer never reaches the handheld (the Wi-Fi dropped).
  await page.route('**/api/v1/license-plates/*/move', async (route) => {
    if (dropped++ === 0) {
      await route.fetch();
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await page.goto('/scan/move');
  await move(page, plates[0]!.number, 'B-01');
  await page.getByTestId('pending-count').getByText('1').waitFor();
  await expect.poll(() => page.getByTestId('pending-count').count(), { timeout: 30_000 }).toBe(0);
  expect(dropped).toBe(2);
  expect((await call('GET', `/license-plates/${plates[0]!.id}`, undefined, session.accessToken)).body.locationId).toBe(rackB.id);
  expect(await ledgerCount(session, plates[0]!.id, 'move')).toBe(1);
}, { viewport: 'scanner', timeout: 90_000, serviceWorkers: 'block' });

browserTest('a work order read once stays on screen offline, with its age, and a consumption waits for the network', async ({ page, context }) => {
  const session = await signUp();
  const token = session.accessToken;
  const { bread, plates } = await coldStore(session);
  const order = (await call('POST', '/work-orders', { productId: bread.id, plannedQty: 20 }, token)).body;
  await call('POST', `/work-orders/${order.id}/release`, {}, token);
  await call('POST', `/work-orders/${order.id}/start`, {}, token);
  await signInAs(page, session);
  await page.goto(`/scan/produce/${order.id}`);
  await page.getByTestId('work-order').getByText(order.number).waitFor();
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('work-order').getByText('FLOUR: 0 / 10').waitFor();
  await page.getByTestId('freshness').getByText(/Offline copy, as of/).waitFor();
  await wedgeScan(page, plates[0]!.number);
  await page.getByTestId('consume-qty').fill('4');
  await page.getByTestId('consume-confirm').click();
  await page.getByTestId('pending-count').getByText('1').waitFor();
  await shoot(page, 'produce-offline');
  await context.setOffline(false);
  await page.getByTestId('work-order').getByText('FLOUR: 4 / 10').waitFor({ timeout: 30_000 });
  expect(await ledgerCount(session, plates[0]!.id, 'consume')).toBe(1);
}, { viewport: 'scanner', timeout: 90_000 });
