import { expect } from 'vitest';
import { call, signInAs, signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';
import { coldStore, ledgerCount, ok, shoot, wedgeScan } from './scan-helpers.js';

useBrowser();

const scanner = { viewport: 'scanner' as const };

browserTest('the scanner opens at /scan with a big tile for each task, in English and in Polish', async ({ page }) => {
  const session = await signUp();
  await signInAs(page, session);
  await page.goto('/scan');
  for (const tile of ['receive', 'move', 'produce', 'hold', 'lookup', 'queue']) await page.getByTestId(`tile-${tile}`).waitFor();
  const box = await page.getByTestId('tile-move').boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(48);
  // Nothing wider than the handheld's screen.
  expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await page.evaluate(() => (globalThis as any).document.querySelector('link[rel="manifest"]')?.getAttribute('href'))).toBe('/manifest.webmanifest');
  await shoot(page, 'home');

  await page.evaluate(() => localStorage.setItem('monopilot.language', 'pl'));
  await page.reload();
  await page.getByTestId('tile-move').getByText('Przesunięcie').waitFor();
  await page.getByTestId('tile-move').click();
  await wedgeScan(page, 'A-01');
  await page.getByTestId('scan-input-error').getByText('Zeskanuj nośnik (LP), a nie lokalizację').waitFor();
}, scanner);

browserTest('a plate is moved with two scans, and a scan in the wrong step says what was expected', async ({ page }) => {
  const session = await signUp();
  const { plates, rackB } = await coldStore(session);
  await signInAs(page, session);
  await page.goto('/scan/move');
  await page.getByTestId('step-title').getByText('Scan the license plate').waitFor();
  await wedgeScan(page, 'B-01');
  await page.getByTestId('scan-input-error').getByText('Scan a license plate, not a location').waitFor();
  // The field keeps the focus after the error: the next scan needs no tap.
  await wedgeScan(page, plates[0]!.number);
  await page.getByTestId('plate-card').getByText(plates[0]!.number).waitFor();
  await wedgeScan(page, plates[0]!.number);
  await page.getByTestId('scan-input-error').getByText('Scan a location, not a license plate').waitFor();
  await shoot(page, 'move-wrong-step');
  await wedgeScan(page, 'B-01');
  await page.getByTestId('scan-done').getByText(`Move ${plates[0]!.number} to B-01`).waitFor();
  await expect.poll(async () => (await call('GET', `/license-plates/${plates[0]!.id}`, undefined, session.accessToken)).body.locationId).toBe(rackB.id);
  await shoot(page, 'move');
}, scanner);

browserTest('a plate is put on hold with a reason', async ({ page }) => {
  const session = await signUp();
  const { plates } = await coldStore(session);
  await signInAs(page, session);
  await page.goto('/scan/hold');
  await wedgeScan(page, plates[0]!.number);
  await page.getByTestId('plate-card').waitFor();
  await page.getByTestId('reason-temperature').click();
  await shoot(page, 'hold');
  await page.getByTestId('hold-confirm').click();
  await page.getByTestId('scan-done').waitFor();
  await expect.poll(async () => (await call('GET', `/license-plates/${plates[0]!.id}`, undefined, session.accessToken)).body.qaStatus).toBe('hold');
}, scanner);

browserTest('flour is consumed into a running work order and its bread recorded as output', async ({ page }) => {
  const session = await signUp();
  const { plates, bread } = await coldStore(session);
  const token = session.accessToken;
  const order = ok(await call('POST', '/work-orders', { productId: bread.id, plannedQty: 20 }, token), 'work order');
  ok(await call('POST', `/work-orders/${order.id}/release`, {}, token), 'release');
  ok(await call('POST', `/work-orders/${order.id}/start`, {}, token), 'start');
  await signInAs(page, session);
  await page.goto('/scan/produce');
  await page.getByTestId(`wo-${order.number}`).click();
  await page.getByTestId('work-order').getByText('FLOUR: 0 / 10').waitFor();
  await wedgeScan(page, plates[0]!.number);
  // What the order still needs of the material, not the whole plate.
  await expect.poll(() => page.getByTestId('consume-qty').inputValue()).toBe('10');
  await shoot(page, 'consume');
  await page.getByTestId('consume-confirm').click();
  await page.getByTestId('scan-done').getByText(`Consume 10 of ${plates[0]!.number} into ${order.number}`).waitFor();
  await expect.poll(async () => (await call('GET', `/work-orders/${order.id}`, undefined, token)).body.consumptions.length).toBe(1);

  await page.getByText('Output', { exact: true }).click();
  await page.getByTestId('output-qty').fill('20');
  await page.getByTestId('output-location').click();
  await wedgeScan(page, 'LINE-1');
  await page.getByTestId('scan-done').waitFor();
  await shoot(page, 'output');
  await expect.poll(async () => (await call('GET', `/work-orders/${order.id}`, undefined, token)).body.producedQty).toBe(20);
  expect(await ledgerCount(session, plates[0]!.id, 'consume')).toBe(1);
}, scanner);

browserTest('goods are received against a purchase order line by hand, onto a scanned location', async ({ page }) => {
  const session = await signUp();
  const { supplier, flour, dock } = await coldStore(session);
  const token = session.accessToken;
  const po = ok(await call('POST', '/purchase-orders', { supplierId: supplier.id, lines: [{ productId: flour.id, qty: 400 }] }, token), 'po');
  ok(await call('POST', `/purchase-orders/${po.id}/approve`, {}, token), 'approve');
  await signInAs(page, session);
  await page.goto('/scan/receive');
  await page.getByTestId(`po-${po.number}`).click();
  await page.getByTestId('po-line-0').getByText('0 of 400 kg received').waitFor();
  await page.getByTestId('po-line-0').click();
  await page.getByTestId('enter-by-hand').click();
  await expect.poll(() => page.getByTestId('receive-qty').inputValue()).toBe('400');
  await page.getByTestId('receive-qty').fill('250');
  await page.getByTestId('receive-lot').fill('RYE-12');
  await page.getByTestId('receive-location-scan').click();
  await wedgeScan(page, 'DOCK');
  await page.getByTestId('receive-location').getByText('DOCK').waitFor();
  await shoot(page, 'receive');
  await page.getByTestId('receive-confirm').click();
  await page.getByTestId('scan-done').waitFor();
  await expect.poll(async () => (await call('GET', `/purchase-orders/${po.id}`, undefined, token)).body.lines[0].receivedQty).toBe(250);
  const plates = ok(await call('GET', `/license-plates?productId=${flour.id}&lot=RYE-12`, undefined, token), 'plates');
  expect(plates.items).toMatchObject([{ qty: 250, locationId: dock.id }]);
}, scanner);

browserTest('any scanned code is looked up: a plate, a location, a GTIN, a GS1 label', async ({ page }) => {
  const session = await signUp();
  const { plates } = await coldStore(session);
  await signInAs(page, session);
  await page.goto('/scan/lookup');
  await wedgeScan(page, plates[0]!.number);
  await page.getByTestId('lookup-kind').getByText('License plate').waitFor();
  await page.getByTestId('plate-card').getByText('FLOUR · Rye flour').waitFor();
  await wedgeScan(page, 'DOCK');
  await page.getByTestId('lookup-result').getByText('License plates here: 1').waitFor();
  await wedgeScan(page, '09501101530003');
  await page.getByTestId('lookup-kind').getByText('GTIN').waitFor();
  await page.getByTestId('lookup-result').getByText('FLOUR · Rye flour').waitFor();
  await wedgeScan(page, '(01)09501101530003(10)MILL-9(17)271231');
  await page.getByTestId('lookup-kind').getByText('GS1 label').waitFor();
  await page.getByTestId('lookup-result').getByText('Lot (10): MILL-9').waitFor();
  expect(await page.getByTestId('lookup-result').innerText()).not.toContain('[object');
  await shoot(page, 'lookup');
}, scanner);

browserTest('the scanner works on a 1024 px tablet too', async ({ page }) => {
  const session = await signUp();
  await signInAs(page, session);
  await page.goto('/scan');
  await page.getByTestId('tile-receive').waitFor();
  expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  await shoot(page, 'tablet-home');
}, { viewport: 'tablet' });

browserTest("a supplier's GS1-128 label fills product, lot, expiry and quantity of the receipt", async ({ page }) => {
  const session = await signUp();
  const { supplier, flour } = await coldStore(session);
  const token = session.accessToken;
  const po = ok(await call('POST', '/purchase-orders', { supplierId: supplier.id, lines: [{ productId: flour.id, qty: 100 }] }, token), 'po');
  ok(await call('POST', `/purchase-orders/${po.id}/approve`, {}, token), 'approve');
  await signInAs(page, session);
  await page.goto(`/scan/receive/${po.id}`);
  await page.getByTestId('po-line-0').click();
  // A bad check digit is refused naming the element; the field keeps the focus for the next scan.
  await wedgeScan(page, '(01)09501101530004(10)MILL-9(17)271231(3102)002500');
  await page.getByTestId('scan-input-error').getByText(/01/).waitFor();
  await wedgeScan(page, '(01)09501101530003(10)MILL-9(17)271231(3102)002500');
  await expect.poll(() => page.getByTestId('receive-lot').inputValue()).toBe('MILL-9');
  expect(await page.getByTestId('receive-expiry').inputValue()).toBe('2027-12-31');
  expect(await page.getByTestId('receive-qty').inputValue()).toBe('25');
  await wedgeScan(page, 'DOCK');
  await shoot(page, 'receive-gs1');
  await page.getByTestId('receive-confirm').click();
  await page.getByTestId('scan-done').waitFor();
  await expect.poll(async () => (await call('GET', `/license-plates?productId=${flour.id}&lot=MILL-9`, undefined, token)).body.items.length).toBe(1);
  const [lp] = (await call('GET', `/license-plates?productId=${flour.id}&lot=MILL-9`, undefined, token)).body.items;
  expect(lp).toMatchObject({ qty: 25, expiryDate: '2027-12-31' });
}, scanner);

browserTest('a pick list is walked by scanning each plate, and the order is picked', async ({ page }) => {
  const session = await signUp();
  const token = session.accessToken;
  const { flour, plates } = await coldStore(session, 2);
  ok(await call('PATCH', '/settings', { gs1CompanyPrefix: '5901234' }, token), 'prefix');
  const customer = ok(await call('POST', '/customers', { code: 'DELI', name: 'Corner Deli' }, token), 'customer');
  const order = ok(await call('POST', '/sales-orders', { customerId: customer.id, lines: [{ productId: flour.id, qty: 40 }] }, token), 'sales order');
  ok(await call('POST', `/sales-orders/${order.id}/confirm`, {}, token), 'confirm');
  ok(await call('POST', `/sales-orders/${order.id}/allocate`, {}, token), 'allocate');
  const list = ok(await call('POST', `/sales-orders/${order.id}/pick-list`, {}, token), 'pick list');
  await signInAs(page, session);
  await page.goto('/scan/pick');
  await page.getByTestId(`so-${order.number}`).click();
  for (const line of list.lines) {
    await page.getByTestId('step-title').getByText(`Go to ${line.locationCode}, scan ${line.licensePlateNumber}`).waitFor();
    await wedgeScan(page, line.licensePlateNumber);
    await expect.poll(() => page.getByTestId('pick-qty').inputValue()).toBe(String(line.qty));
    if (line === list.lines[0]) await shoot(page, 'pick');
    await page.getByTestId('pick-confirm').click();
    await page.getByTestId('scan-done').waitFor();
  }
  await page.getByTestId('pick-complete').waitFor({ timeout: 20_000 });
  const picked = ok(await call('GET', `/pick-lists/${list.id}`, undefined, token), 'list');
  expect(picked.lines.map((line: { pickedQty: number; qty: number }) => line.pickedQty === line.qty)).toEqual(list.lines.map(() => true));
  expect(plates.length).toBe(2);
}, scanner);
