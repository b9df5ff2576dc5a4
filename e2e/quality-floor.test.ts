import { expect } from 'vitest';
import { seedDemo } from '../src/cli/demo/bakery.js';
import { httpTransport } from '../src/cli/demo/transport.js';
import { call, signInAs, signUp } from './api.js';
import { baseUrl, browserTest, useBrowser } from './browser.js';

useBrowser();

browserTest('the CCP reading screen on a tablet: big targets, the verdict as typed, and a reading outside the limits shows its deviation NCR', async ({ page }) => {
  const session = await signUp();
  const token = session.accessToken;
  const ccp = (await call('POST', '/haccp/ccps', { code: 'OVEN-1', name: 'Oven core temperature', hazard: 'Salmonella survives baking', unit: '°C', min: 72 }, token)).body;
  await page.setViewportSize({ width: 1024, height: 768 });
  await signInAs(page, session);
  await page.goto(`/haccp/${ccp.id}/reading`);

  const value = page.getByTestId('ccp-value');
  expect(await value.getAttribute('inputmode')).toBe('decimal');
  expect((await value.boundingBox())!.height).toBeGreaterThanOrEqual(48);
  expect((await page.getByTestId('ccp-save').boundingBox())!.height).toBeGreaterThanOrEqual(48);

  await value.fill('74,5');
  await page.getByTestId('ccp-preview').getByText('Within limits').waitFor();
  await page.getByTestId('ccp-save').click();
  await page.getByTestId('ccp-result').getByText('Reading recorded: 74.5 °C').waitFor();

  await value.fill('68');
  await page.getByTestId('ccp-preview').getByText('Outside limits').waitFor();
  await value.press('Enter');
  await page.getByTestId('ccp-deviation').getByText(/Deviation: NCR NCR-\d{6} opened/).waitFor();

  const readings = (await call('GET', `/haccp/ccps/${ccp.id}/readings`, undefined, token)).body.items;
  expect(readings.map((reading: any) => [reading.value, reading.withinLimits, reading.ncrId !== null])).toEqual([
    [74.5, true, false],
    [68, false, true],
  ]);
  await page.goto(`/haccp/${ccp.id}`);
  await page.getByTestId('control-chart').waitFor();
  await expect.poll(() => page.getByTestId('control-chart').locator('circle[data-deviation="true"]').count()).toBe(1);
  expect(await page.getByTestId('control-chart').locator('circle').count()).toBe(2);
});

browserTest('the hold button on the trace page holds every plate of the lot still in the plant, and the plates show as held', async ({ page }) => {
  const session = await signUp();
  const token = session.accessToken;
  const warehouse = (await call('POST', '/warehouses', { code: 'WH', name: 'Main' }, token)).body;
  const dock = (await call('POST', '/locations', { warehouseId: warehouse.id, code: 'DOCK', name: 'Dock', type: 'receiving' }, token)).body;
  const flour = (await call('POST', '/products', { code: 'FLOUR', name: 'Wheat flour', type: 'raw', uom: 'kg', shelfLifeDays: 90 }, token)).body;
  const receipt = (await call('POST', '/receipts', { locationId: dock.id, lines: [{ productId: flour.id, qty: 25, lot: 'F-77', count: 2 }] }, token)).body;

  await signInAs(page, session);
  await page.goto(`/trace?direction=forward&productId=${flour.id}&lot=F-77`);
  await page.getByTestId('recall-summary').waitFor();
  await page.getByTestId('hold-lot').click();
  await page.getByTestId('hold-reason').fill('supplier recall notice');
  await page.getByTestId('hold-submit').click();
  await page.getByText(/HOLD-000001: 2 license plates on hold/).waitFor();
  for (const lp of receipt.licensePlates) {
    expect((await call('GET', `/license-plates/${lp.id}`, undefined, token)).body.qaStatus).toBe('hold');
  }
  await expect.poll(async () => page.getByText('On hold').count()).toBeGreaterThanOrEqual(2);
});

browserTest('the demo bakery has an oven CCP with a week of readings and one deviation (its NCR open), and its work orders on two lines', async ({ page }) => {
  const login = await seedDemo(httpTransport(baseUrl()));
  const signedIn = await call('POST', '/auth/login', { email: login.email, password: login.password });
  const token = signedIn.body.accessToken;
  const [oven] = (await call('GET', '/haccp/ccps', undefined, token)).body.items;
  expect(oven).toMatchObject({ name: 'Oven core temperature', min: 72, unit: '°C' });
  const since = new Date(Date.now() - 9 * 86_400_000).toISOString();
  const readings = (await call('GET', `/haccp/ccps/${oven.id}/readings?from=${since}`, undefined, token)).body.items;
  expect(readings.length).toBeGreaterThanOrEqual(25);
  const deviations = readings.filter((reading: any) => !reading.withinLimits);
  expect(deviations).toHaveLength(1);
  expect((await call('GET', `/ncrs/${deviations[0].ncrId}`, undefined, token)).body.status).toBe('open');
  const lines = (await call('GET', '/lines', undefined, token)).body.items.map((line: any) => line.code);
  expect(lines.sort()).toEqual(['MIX-1', 'OVEN-1']);
  const orders = (await call('GET', '/work-orders?limit=100', undefined, token)).body.items;
  expect(orders.every((order: any) => order.lineId !== null)).toBe(true);

  await signInAs(page, login);
  await page.goto(`/haccp/${oven.id}`);
  await expect.poll(() => page.getByTestId('control-chart').locator('circle[data-deviation="true"]').count()).toBe(1);
});
