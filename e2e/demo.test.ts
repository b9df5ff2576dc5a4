import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { seedDemo, type DemoLogin } from '../src/cli/demo/bakery.js';
import { httpTransport } from '../src/cli/demo/transport.js';
import { call, signInAs } from './api.js';
import { baseUrl, browserTest, useBrowser, viewports } from './browser.js';

useBrowser();

const shots = join(process.cwd(), 'e2e', 'screenshots', 'screens');

let demo: Promise<DemoLogin> | null = null;
/** `npm run demo` into this server's database, once per file (the same function the command runs). */
const demoBakery = () => (demo ??= seedDemo(httpTransport(baseUrl())));

async function signInThroughTheForm(page: import('playwright-core').Page, login: DemoLogin) {
  await page.goto('/');
  await page.waitForURL('**/sign-in');
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel(/^Password/).fill(login.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/dashboard');
}

browserTest(
  'a newcomer signs in to the demo bakery, finds a finished lot and sees where its flour came from',
  async ({ page }) => {
    const login = await demoBakery();
    await signInThroughTheForm(page, login);
    await page.getByRole('heading', { name: 'Hello, Anna' }).waitFor();

    // License plates lists what is in stock; the loaves left over from today's bake are among them.
    await page.getByTestId('nav-license-plates').click();
    const loaf = page.getByTestId('row').filter({ hasText: 'Sourdough loaf 800 g' }).first();
    await loaf.getByTestId('lp-number').click();
    await page.waitForURL(/\/license-plates\/[0-9a-f-]{36}$/);

    // Where it came from: dough, made from flour lot MS-2411-07, delivered by the mill.
    const origin = page.getByTestId('genealogy-backward');
    await origin.getByTestId('genealogy-supplier').getByText('Młyn Stoisław').waitFor();
    const flourNodes = origin.getByTestId('trace-lp').filter({ hasText: 'Wheat flour type 650' });
    await flourNodes.first().waitFor();
    expect(await flourNodes.first().textContent()).toContain(login.flourLot);
    await origin.getByTestId('trace-supplier').getByText('Młyn Stoisław').waitFor();

    // The same lot on the trace screen, forward: it reached three customers.
    await page.getByTestId('nav-trace').click();
    await page.getByTestId('trace-lot-product').click();
    await page.getByRole('option', { name: /Wheat flour type 650/ }).click();
    await page.getByTestId('trace-lot').fill(login.flourLot);
    await page.getByTestId('trace-lot-go').click();
    await page.getByTestId('trace-direction').getByText('Where it went').click();
    const graph = page.getByTestId('trace-graph');
    for (const customer of ['Społem Gdańsk', 'Café Lipowa', 'Hotel Bursztyn']) await graph.getByTestId('trace-customer').getByText(customer).waitFor();
  },
  { timeout: 180_000 },
);

browserTest(
  'the dashboard shows the bakery’s figures and follows changes made elsewhere without a reload',
  async ({ page }) => {
    const login = await demoBakery();
    const session = (await call('POST', '/auth/login', { email: login.email, password: login.password })).body;
    await signInThroughTheForm(page, login);

    const tile = (status: string) => page.getByTestId(`dashboard-wo-${status}`).getByTestId('count');
    await expect.poll(() => tile('planned').textContent()).toBe('2');
    for (const [status, count] of Object.entries({ released: '1', in_progress: '1', on_hold: '1', completed: '1', closed: '3', cancelled: '1' })) {
      expect(await tile(status).textContent(), status).toBe(count);
    }
    await page.getByTestId('dashboard-output').getByText('Sourdough loaf 800 g').waitFor();
    expect(await page.getByTestId('dashboard-output').textContent()).toContain('200 pcs');
    expect(await page.getByTestId('dashboard-hold-count').textContent()).toBe('1');
    expect(await page.getByTestId('dashboard-pos-count').textContent()).toBe('3');
    expect(Number(await page.getByTestId('dashboard-expiring-count').textContent())).toBeGreaterThanOrEqual(3);
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();

    // Another person releases a planned order and holds a plate: the figures follow.
    const planned = (await call('GET', '/work-orders?status=planned', undefined, session.accessToken)).body.items[0];
    expect((await call('POST', `/work-orders/${planned.id}/release`, {}, session.accessToken)).status).toBe(200);
    await expect.poll(() => tile('planned').textContent(), { timeout: 5000 }).toBe('1');
    expect(await tile('released').textContent()).toBe('2');

    const milk = (await call('GET', `/license-plates?lot=MK-1123`, undefined, session.accessToken)).body.items[0];
    expect((await call('POST', `/license-plates/${milk.id}/hold`, { reason: 'Temperature log missing' }, session.accessToken)).status).toBe(200);
    await expect.poll(() => page.getByTestId('dashboard-hold-count').textContent(), { timeout: 5000 }).toBe('2');
    await page.getByTestId('dashboard-hold').getByText(milk.number).waitFor();

    const draft = (await call('GET', '/purchase-orders?status=draft', undefined, session.accessToken)).body.items[0];
    expect((await call('POST', `/purchase-orders/${draft.id}/approve`, {}, session.accessToken)).status).toBe(200);
    await expect.poll(() => page.getByTestId('dashboard-pos-count').textContent(), { timeout: 5000 }).toBe('4');
    await page.getByTestId('dashboard-pos').getByText(draft.number).waitFor();
  },
  { timeout: 180_000 },
);

browserTest(
  'a work order lists the plates it consumed by number',
  async ({ page }) => {
    const login = await demoBakery();
    const session = (await call('POST', '/auth/login', { email: login.email, password: login.password })).body;
    const closed = (await call('GET', '/work-orders?status=closed', undefined, session.accessToken)).body.items;
    const loaves = closed.find((order: { plannedQty: number }) => order.plannedQty === 200);
    const detail = (await call('GET', `/work-orders/${loaves.id}`, undefined, session.accessToken)).body;
    await signInThroughTheForm(page, login);
    await page.goto(`/work-orders/${loaves.id}`);
    const numbers = page.getByTestId('consumption-lp');
    await expect.poll(async () => (await numbers.allTextContents()).sort()).toEqual(
      (await Promise.all(detail.consumptions.map(async (consumption: { licensePlateId: string }) => (await call('GET', `/license-plates/${consumption.licensePlateId}`, undefined, session.accessToken)).body.number))).sort(),
    );
  },
  { timeout: 180_000 },
);

for (const viewport of ['desktop', 'phone'] as const) {
  browserTest(
    `the demo bakery's busiest screens render without sideways scrolling at ${viewports[viewport].width} px`,
    async ({ page }) => {
      const login = await demoBakery();
      const session = (await call('POST', '/auth/login', { email: login.email, password: login.password })).body;
      const get = async (path: string) => (await call('GET', path, undefined, session.accessToken)).body;
      const loaf = (await get('/products?search=LOAF-SOURDOUGH')).items[0];
      const flour = (await get('/products?search=FLOUR-WHEAT')).items[0];
      const loafPlate = (await get(`/license-plates?productId=${loaf.id}&status=available`)).items[0];
      const running = (await get('/work-orders?status=in_progress')).items[0];
      mkdirSync(shots, { recursive: true });
      await signInAs(page, { ...session, ...login });
      for (const [name, path] of [
        ['dashboard', '/dashboard'],
        ['product-bom', `/products/${loaf.id}`],
        ['license-plate-genealogy', `/license-plates/${loafPlate.id}`],
        ['trace-forward', `/trace?productId=${flour.id}&lot=${login.flourLot}&direction=forward`],
        ['work-orders', '/work-orders'],
        ['work-order-running', `/work-orders/${running.id}`],
        ['purchase-orders', '/purchase-orders'],
      ] as const) {
        await page.goto(path);
        await page.getByRole('heading').first().waitFor();
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(200);
        await page.screenshot({ path: join(shots, `demo-${name}-${viewport}.png`), fullPage: true });
        const overflow = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth);
        expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
      }
    },
    { viewport, timeout: 180_000 },
  );
}
