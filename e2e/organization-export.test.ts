import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { call, signInAs, signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

browserTest("an admin downloads the organization's data from the settings, watching the rows arrive", async ({ page }) => {
  const session = await signUp();
  const token = session.accessToken;
  const warehouse = (await call('POST', '/warehouses', { code: 'WH', name: 'Main' }, token)).body;
  const dock = (await call('POST', '/locations', { warehouseId: warehouse.id, code: 'DOCK', name: 'Dock', type: 'receiving' }, token)).body;
  const flour = (await call('POST', '/products', { code: 'FLOUR', name: 'Flour', type: 'raw', uom: 'kg' }, token)).body;
  expect((await call('POST', '/receipts', { locationId: dock.id, lines: [{ productId: flour.id, qty: 12.5, lot: 'L-1', count: 20 }] }, token)).status).toBe(201);
  const me = (await call('GET', '/me', undefined, token)).body;
  await signInAs(page, session);

  await page.goto('/settings');
  await page.getByText('Export organization data').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('organization-export-button').click()]);
  expect(download.suggestedFilename()).toMatch(/^monopilot-[0-9a-f-]{36}-\d{4}-\d{2}-\d{2}\.mpx\.gz$/);
  const lines = gunzipSync(await readFile((await download.path())!)).toString('utf8').trimEnd().split('\n');
  const header = JSON.parse(lines[0]!);
  expect(header).toMatchObject({ format: 'monopilot-organization', version: 1, orgId: me.organization.id });
  const rows = lines.length - 1;
  expect(rows).toBeGreaterThan(20);
  // The bar counted every row of the file against the total announced before the first one.
  await page.getByTestId('organization-export-count').getByText(`${rows} of ${rows} records`).waitFor();
  expect(await page.getByTestId('organization-export').getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
});
