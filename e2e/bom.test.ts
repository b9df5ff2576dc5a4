import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { call, signInAs, signUp, type Session } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

/** Today and yesterday as the browser (Europe/Warsaw) counts them. */
function warsawDay(offset: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

async function product(session: Session, body: Record<string, unknown>) {
  const response = await call('POST', '/products', { uom: 'kg', ...body }, session.accessToken);
  if (response.status !== 201) throw new Error(`product: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; code: string; name: string };
}

async function pickProduct(page: Page, index: number, name: string) {
  await page.getByTestId(`bom-item-${index}-product`).click();
  await page.getByRole('option', { name: new RegExp(name) }).click();
}

browserTest(
  'a technologist drafts, edits and activates a recipe; the derived allergens follow; overlapping dates are refused until the old version is end-dated',
  async ({ page }) => {
    const session = await signUp();
    // The dates below are Warsaw days; the web app judges phases by the organization's own date.
    expect((await call('PATCH', '/settings', { timezone: 'Europe/Warsaw' }, session.accessToken)).status).toBe(200);
    await product(session, { code: 'FLOUR', name: 'Wheat flour', type: 'raw', allergens: ['gluten'] });
    await product(session, { code: 'SESAME', name: 'Sesame seeds', type: 'raw', allergens: ['sesame'] });
    const dough = await product(session, { code: 'DOUGH', name: 'Wheat dough', type: 'intermediate' });
    await signInAs(page, session);
    await page.goto(`/products/${dough.id}`);
    await page.getByText('No recipe yet.').waitFor();
    await page.getByText('No allergens').waitFor();

    await page.getByTestId('bom-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('bom-output-qty').fill('100');
    await dialog.getByTestId('bom-effective-from').fill('2020-01-01');
    await pickProduct(page, 0, 'Wheat flour');
    await dialog.getByTestId('bom-item-0-qty').fill('60');
    await dialog.getByTestId('bom-item-0-scrap').fill('2');
    await dialog.getByTestId('bom-add-item').click();
    await pickProduct(page, 1, 'Sesame seeds');
    await dialog.getByTestId('bom-item-1-qty').fill('1');
    await dialog.getByTestId('bom-save').click();
    const v1 = page.getByTestId('bom-v1');
    await v1.waitFor();
    expect(await v1.getAttribute('data-status')).toBe('draft');
    expect(await v1.getByTestId('bom-item').count()).toBe(2);

    // A draft changes freely.
    await v1.getByTestId('bom-edit').click();
    await dialog.getByTestId('bom-item-1-qty').fill('1.5');
    await dialog.getByTestId('bom-save').click();
    await v1.getByText('1.5 kg').first().waitFor();
    const saved = (await call('GET', `/boms?productId=${dough.id}`, undefined, session.accessToken)).body.items[0];
    expect(saved.items.map((item: { qty: number; scrapPercent: number }) => [item.qty, item.scrapPercent])).toEqual([
      [60, 2],
      [1.5, 0],
    ]);

    // Activation puts it in force, and the dough now contains what its ingredients contain.
    await v1.getByTestId('bom-activate').click();
    await expect.poll(() => v1.getAttribute('data-status')).toBe('active');
    await page.getByTestId('allergen-gluten').waitFor();
    await page.getByTestId('allergen-sesame').waitFor();

    // A copy from today overlaps version 1, which is open-ended: refused, and said so.
    await v1.getByTestId('bom-copy').click();
    await dialog.getByTestId('bom-effective-from').fill(warsawDay(0));
    await dialog.getByTestId('bom-save').click();
    const v2 = page.getByTestId('bom-v2');
    await v2.waitFor();
    await v2.getByTestId('bom-activate').click();
    const refusal = v2.getByTestId('bom-refusal');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-reason')).toBe('overlap');
    expect(await refusal.textContent()).toContain('End-date version 1 first');
    expect(await v2.getAttribute('data-status')).toBe('draft');

    // End-date version 1 on yesterday; now version 2 may start today.
    await v1.getByTestId('bom-end-date').click();
    await page.getByTestId('bom-end-date-input').fill(warsawDay(-1));
    await page.getByTestId('bom-end-date-save').click();
    await expect.poll(async () => (await call('GET', `/boms/${saved.id}`, undefined, session.accessToken)).body.effectiveTo).toBe(warsawDay(-1));
    await v1.getByTestId('bom-phase').getByText('ended').waitFor();
    await v2.getByTestId('bom-activate').click();
    await expect.poll(() => v2.getAttribute('data-status')).toBe('active');
    await v2.getByTestId('bom-phase').getByText('in force').waitFor();
  },
  { timeout: 120_000 },
);

browserTest('a recipe that would make a product contain itself is refused with the cycle shown, and a draft can be deleted', async ({ page }) => {
  const session = await signUp();
  const filling = await product(session, { code: 'FILLING', name: 'Poppy filling', type: 'intermediate' });
  const cake = await product(session, { code: 'CAKE', name: 'Poppy cake', type: 'intermediate' });
  const bom = await call('POST', '/boms', { productId: cake.id, outputQty: 1, effectiveFrom: '2020-01-01', items: [{ productId: filling.id, qty: 0.5 }] }, session.accessToken);
  expect((await call('POST', `/boms/${bom.body.id}/activate`, {}, session.accessToken)).status).toBe(200);

  await signInAs(page, session);
  await page.goto(`/products/${filling.id}`);
  await page.getByTestId('bom-new').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('bom-output-qty').fill('10');
  await pickProduct(page, 0, 'Poppy cake');
  await dialog.getByTestId('bom-item-0-qty').fill('1');
  await dialog.getByTestId('bom-save').click();
  const v1 = page.getByTestId('bom-v1');
  await v1.getByTestId('bom-activate').click();
  const refusal = v1.getByTestId('bom-refusal');
  await refusal.waitFor();
  expect(await refusal.getAttribute('data-reason')).toBe('cycle');
  expect(await refusal.textContent()).toMatch(/FILLING → CAKE → FILLING|contain itself/);

  await v1.getByTestId('bom-delete').click();
  await page.getByTestId('bom-delete-confirm').click();
  await page.getByText('No recipe yet.').waitFor();
  expect((await call('GET', `/boms?productId=${filling.id}`, undefined, session.accessToken)).body.items).toHaveLength(0);
});
