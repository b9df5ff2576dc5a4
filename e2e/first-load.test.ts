import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { signInAs, signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';

// What a first visit costs, printed in the test output: bytes over the wire for the sign-in page
// (asserted: the build decides it, so it is deterministic) and the time until the dashboard's data is
// on screen with an empty cache (printed only: it depends on the machine's load).

useBrowser();

const signInBudget = 350 * 1024;

interface Transfer {
  bytes: number;
  uncompressed: number;
  requests: number;
  byType: Record<string, number>;
}

/** Counts every response's bytes on the wire (headers and body, as Chromium received them). */
async function countTransfer(page: Page): Promise<() => Transfer> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const types = new Map<string, string>();
  const sizes = new Map<string, number>();
  const transfer: Transfer = { bytes: 0, uncompressed: 0, requests: 0, byType: {} };
  cdp.on('Network.responseReceived', (event) => types.set(event.requestId, event.type));
  cdp.on('Network.dataReceived', (event) => sizes.set(event.requestId, (sizes.get(event.requestId) ?? 0) + event.dataLength));
  cdp.on('Network.loadingFinished', (event) => {
    const type = types.get(event.requestId) ?? 'Other';
    transfer.bytes += event.encodedDataLength;
    transfer.uncompressed += sizes.get(event.requestId) ?? 0;
    transfer.requests += 1;
    transfer.byType[type] = (transfer.byType[type] ?? 0) + event.encodedDataLength;
  });
  return () => transfer;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

browserTest(
  'the sign-in page loads in under 350 KB transferred',
  async ({ page }) => {
    const transferred = await countTransfer(page);
    const started = performance.now();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.waitForLoadState('networkidle');
    const elapsed = performance.now() - started;
    const { bytes, uncompressed, requests, byType } = transferred();
    const types = Object.entries(byType)
      .map(([type, size]) => `${type} ${kb(size)}`)
      .join(', ');
    console.log(`[first load] sign-in page: ${kb(bytes)} transferred (${kb(uncompressed)} uncompressed) in ${requests} requests (${types}); on screen in ${elapsed.toFixed(0)} ms`);
    expect(bytes).toBeLessThan(signInBudget);
  },
  { serviceWorkers: 'block' },
);

browserTest(
  'the dashboard’s data is on screen soon after a cold start (time printed)',
  async ({ page }) => {
    const session = await signUp();
    await signInAs(page, session);
    const transferred = await countTransfer(page);
    const started = performance.now();
    await page.goto('/dashboard');
    await page.getByTestId('dashboard-generated').waitFor();
    const elapsed = performance.now() - started;
    const { bytes, requests } = transferred();
    console.log(`[first load] dashboard, cold cache: data on screen in ${elapsed.toFixed(0)} ms (goal under 1000 ms), ${kb(bytes)} transferred in ${requests} requests`);
  },
  { serviceWorkers: 'block' },
);
