import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { inject, expect } from 'vitest';
import { call, signInAs, signUp, type Session } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

const LIFETIME_SECONDS = 40;

/** The same access token, signed again to expire in LIFETIME_SECONDS instead of 15 minutes. */
async function expiringSoon(token: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...decodeJwt(token), iat: now, exp: now + LIFETIME_SECONDS })
    .setProtectedHeader(decodeProtectedHeader(token) as { alg: string })
    .sign(new TextEncoder().encode(inject('jwtSecret')));
}

async function workOrders(session: Session, count: number): Promise<Array<{ id: string; number: string }>> {
  const token = session.accessToken;
  const flour = (await call('POST', '/products', { code: 'FLOUR', name: 'Rye flour', type: 'raw', uom: 'kg', shelfLifeDays: 120 }, token)).body;
  const bread = (await call('POST', '/products', { code: 'BREAD', name: 'Rye bread', type: 'finished', uom: 'pcs', shelfLifeDays: 4 }, token)).body;
  const bom = (await call('POST', '/boms', { productId: bread.id, outputQty: 2, effectiveFrom: '2020-01-01', items: [{ productId: flour.id, qty: 1 }] }, token)).body;
  expect((await call('POST', `/boms/${bom.id}/activate`, {}, token)).status).toBe(200);
  const orders = [];
  for (let index = 0; index < count; index += 1) orders.push((await call('POST', '/work-orders', { productId: bread.id, plannedQty: 10 }, token)).body);
  return orders;
}

browserTest(
  'the live stream ends when its access token expires, and comes back with a fresh one from where it stopped',
  async ({ page, context }) => {
    const session = await signUp({ name: 'Live Person' });
    const [first, second, third] = await workOrders(session, 3);
    await signInAs(page, session);

    // Every access token the page gets lives 40 s; a refresh can be held back to open a gap in the stream.
    let hold: Promise<void> | null = null;
    let release = () => {};
    let held = () => {};
    const refreshHeld = new Promise<void>((resolve) => (held = resolve));
    await context.route('**/api/v1/auth/refresh', async (route) => {
      if (hold) {
        held();
        await hold;
      }
      const response = await route.fetch();
      if (response.status() !== 200) return route.fulfill({ response });
      const body = await response.json();
      return route.fulfill({ response, json: { ...body, accessToken: await expiringSoon(body.accessToken) } });
    });
    const streams: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/events' && url.searchParams.has('access_token')) streams.push(url);
    });

    await page.goto('/work-orders');
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    expect((await call('POST', `/work-orders/${first!.id}/release`, {}, session.accessToken)).status).toBe(200);
    await page.getByTestId('column-released').getByTestId(`wo-${first!.number}`).waitFor({ timeout: 5000 });
    const firstStream = streams.at(-1)!;

    // When the token runs out the server ends the stream; the page refreshes the token before it reconnects.
    hold = new Promise<void>((resolve) => (release = resolve));
    const tooLate = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no refresh within 70 s: the stream did not end when its token expired')), 70_000).unref());
    await Promise.race([refreshHeld, tooLate]);
    expect((await call('POST', `/work-orders/${second!.id}/release`, {}, session.accessToken)).status).toBe(200);
    release();

    await expect.poll(() => streams.length, { timeout: 10_000 }).toBeGreaterThan(streams.indexOf(firstStream) + 1);
    const next = streams.at(-1)!;
    expect(next.searchParams.get('access_token')).not.toBe(firstStream.searchParams.get('access_token'));
    expect(Number(next.searchParams.get('lastEventId'))).toBeGreaterThan(0);
    // What happened while it was away is replayed; what happens now arrives live.
    await page.getByTestId('column-released').getByTestId(`wo-${second!.number}`).waitFor({ timeout: 5000 });
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    expect((await call('POST', `/work-orders/${third!.id}/release`, {}, session.accessToken)).status).toBe(200);
    await page.getByTestId('column-released').getByTestId(`wo-${third!.number}`).waitFor({ timeout: 5000 });
  },
  { timeout: 150_000 },
);
