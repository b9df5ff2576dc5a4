import { expect } from 'vitest';
import { call, signInAs, signUp, type Session } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

const ok = <T = any>(response: { status: number; body: T }, what: string): T => {
  if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

/** Flour with a receipt specification (moisture at most 15 %, no foreign matter), received onto two plates that wait for their inspection. */
async function flourAwaitingInspection(session: Session) {
  const token = session.accessToken;
  const warehouse = ok(await call('POST', '/warehouses', { code: 'WH', name: 'Main' }, token), 'warehouse');
  const dock = ok(await call('POST', '/locations', { warehouseId: warehouse.id, code: 'DOCK', name: 'Dock', type: 'receiving' }, token), 'dock');
  const flour = ok(await call('POST', '/products', { code: 'FLOUR', name: 'Rye flour', type: 'raw', uom: 'kg', shelfLifeDays: 120 }, token), 'flour');
  ok(
    await call('POST', '/specifications', {
      productId: flour.id,
      name: 'Flour on receipt',
      stage: 'receipt',
      parameters: [
        { code: 'moisture', name: 'Moisture', kind: 'numeric', max: 15, unit: '%' },
        { code: 'foreign_matter_absent', name: 'No foreign matter', kind: 'boolean' },
      ],
    }, token),
    'specification',
  );
  const receipt = ok(await call('POST', '/receipts', { locationId: dock.id, lines: [{ productId: flour.id, qty: 25, lot: 'RYE-88', count: 2 }] }, token), 'receipt');
  const inspection = ok(await call('GET', `/inspections?licensePlateId=${receipt.licensePlates[0].id}`, undefined, token), 'inspections').items[0];
  return { flour, plates: receipt.licensePlates as any[], inspection };
}

browserTest('on a tablet, an inspection is filled in, judged as typed, completed with a signature, and its plates are released', async ({ page }) => {
  const session = await signUp();
  const { plates, inspection } = await flourAwaitingInspection(session);
  expect(plates.map((lp) => lp.qaStatus)).toEqual(['pending', 'pending']);
  await signInAs(page, session);

  await page.goto('/inspections');
  await page.getByTestId('inspections').getByText(inspection.number).click();
  await page.waitForURL(`**/inspections/${inspection.id}`);

  const moisture = page.getByTestId('parameter-moisture');
  await moisture.getByTestId('result-moisture').fill('16.5');
  await moisture.getByTestId('verdict').getByText('Fail').waitFor();
  await moisture.getByTestId('result-moisture').fill('14.2');
  await moisture.getByTestId('verdict').getByText('Pass').waitFor();
  await expect.poll(() => page.getByTestId('complete-inspection').isDisabled()).toBe(true);
  await page.getByTestId('result-foreign_matter_absent').getByText('Yes', { exact: true }).click();
  await page.getByTestId('parameter-foreign_matter_absent').getByTestId('verdict').getByText('Pass').waitFor();

  // Big enough for a finger, and nothing scrolls sideways at 1024 px.
  const box = await moisture.getByTestId('result-moisture').boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(48);
  expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);

  await page.getByTestId('complete-inspection').click();
  const dialog = page.getByTestId('signature-dialog');
  await dialog.getByTestId('decision-preview').getByText(/will be released/).waitFor();
  await dialog.getByTestId('signature-password').fill('not my password');
  await dialog.getByTestId('signature-sign').click();
  await dialog.getByText('is not your password').waitFor();
  await dialog.getByTestId('signature-password').fill(session.password);
  await dialog.getByTestId('signature-sign').click();

  await page.getByTestId('signatures').getByText('Released after inspection').waitFor();
  await expect.poll(async () => page.getByTestId('plates').getByText('Released').count()).toBe(2);
  for (const lp of plates) expect(ok(await call('GET', `/license-plates/${lp.id}`, undefined, session.accessToken), 'lp').qaStatus).toBe('released');
  const done = ok(await call('GET', `/inspections/${inspection.id}`, undefined, session.accessToken), 'inspection');
  expect(done).toMatchObject({ status: 'completed', decision: 'passed', results: [expect.objectContaining({ parameterCode: 'moisture', value: 14.2, passed: true }), expect.objectContaining({ parameterCode: 'foreign_matter_absent', value: true, passed: true })] });
}, { viewport: 'tablet' });

browserTest('an NCR is investigated and closed with its root cause, corrective action and a signature', async ({ page }) => {
  const session = await signUp();
  const ncr = ok(await call('POST', '/ncrs', { title: 'String in flour bag', description: 'Found at the sifter', severity: 'major' }, session.accessToken), 'ncr');
  await signInAs(page, session);

  await page.goto('/dashboard');
  await page.getByTestId('dashboard-ncr-open').getByTestId('count').getByText('1').waitFor();
  await page.goto('/ncrs?status=open');
  await page.getByTestId('ncrs').getByText(ncr.number).click();
  await page.waitForURL(`**/ncrs/${ncr.id}`);
  await page.getByTestId('ncr-next-step').click();
  await page.getByTestId('ncr-status').getByText('Investigating').waitFor();
  await expect.poll(() => page.getByTestId('ncr-close').isDisabled()).toBe(true);
  await page.getByTestId('ncr-root-cause').fill('Torn sack at the mill');
  await page.getByTestId('ncr-corrective-action').fill('Sifter check added; supplier informed');
  await page.getByTestId('ncr-close').click();
  const dialog = page.getByTestId('signature-dialog');
  await dialog.getByTestId('signature-password').fill(session.password);
  await dialog.getByTestId('signature-sign').click();

  await page.getByTestId('ncr-status').getByText('Closed').waitFor();
  await page.getByTestId('signatures').getByTestId('signature').getByText(/NCR closed/).waitFor();
  const closed = ok(await call('GET', `/ncrs/${ncr.id}`, undefined, session.accessToken), 'ncr');
  expect(closed).toMatchObject({ status: 'closed', rootCause: 'Torn sack at the mill', correctiveAction: 'Sifter check added; supplier informed' });
  const signatures = ok(await call('GET', `/signatures?recordId=${ncr.id}`, undefined, session.accessToken), 'signatures').items;
  expect(signatures).toEqual([expect.objectContaining({ recordType: 'ncr', signerEmail: session.email })]);
});

browserTest("a certificate of analysis uploaded on one plate is listed and downloaded from the lot's other plate", async ({ page }) => {
  const session = await signUp();
  const { plates } = await flourAwaitingInspection(session);
  await signInAs(page, session);
  await page.goto(`/license-plates/${plates[0].id}`);
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0x20)]);
  await page.locator('input[type=file]').setInputFiles({ name: 'CoA RYE-88.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByTestId('document-upload').click();
  await page.getByTestId('documents').getByText('CoA RYE-88.pdf').waitFor();

  await page.goto(`/license-plates/${plates[1].id}`);
  await page.getByTestId('documents').getByText('CoA RYE-88.pdf').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('document-download').click()]);
  expect(download.suggestedFilename()).toBe('CoA RYE-88.pdf');
});

browserTest('a specification is created through its form, with a number limit and a yes/no parameter', async ({ page }) => {
  const session = await signUp();
  const flour = ok(await call('POST', '/products', { code: 'FLOUR-W', name: 'Wheat flour', type: 'raw', uom: 'kg' }, session.accessToken), 'flour');
  await signInAs(page, session);
  await page.goto('/specifications');
  await page.getByTestId('new-specification').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Product').click();
  await page.getByRole('option', { name: /Wheat flour/ }).click();
  await dialog.getByTestId('spec-name').fill('Wheat flour on receipt');
  const first = dialog.getByTestId('spec-parameter-0');
  await first.getByLabel('Code').fill('moisture');
  await first.getByLabel('Name').fill('Moisture');
  await first.getByLabel('Max').fill('15');
  await first.getByLabel('Unit').fill('%');
  await dialog.getByText('Add parameter').click();
  const second = dialog.getByTestId('spec-parameter-1');
  await second.getByLabel('Code').fill('foreign_matter_absent');
  await second.getByLabel('Name').fill('No foreign matter');
  await second.getByLabel('Kind').click();
  await page.getByRole('option', { name: 'Yes / no' }).click();
  await dialog.getByTestId('spec-create').click();
  await page.getByTestId('specifications').getByText('Wheat flour on receipt v1').waitFor();
  const [specification] = ok(await call('GET', `/specifications?productId=${flour.id}`, undefined, session.accessToken), 'specifications').items;
  expect(specification).toMatchObject({ stage: 'receipt', status: 'active', version: 1 });
  expect(specification.parameters).toEqual([
    { code: 'moisture', name: 'Moisture', kind: 'numeric', min: null, max: 15, unit: '%', expected: null, required: true },
    { code: 'foreign_matter_absent', name: 'No foreign matter', kind: 'boolean', min: null, max: null, unit: null, expected: true, required: true },
  ]);
});
