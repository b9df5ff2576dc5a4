import { expect } from 'vitest';
import { call, signInAs, signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';

// Names and pickers beyond the 500th record: with 600 products, the last one's name shows in a list
// (resolved by id) and it is found in a picker by typing (searched on the server); no screen loads
// the whole product list to get there.

useBrowser();

const code = (index: number) => `LKP-${String(index).padStart(4, '0')}`;

browserTest(
  'a product beyond the 500th shows its name in a list and is found in a picker by typing',
  async ({ page }) => {
    const session = await signUp();
    const ids: string[] = [];
    for (let start = 0; start < 600; start += 20) {
      const batch = await Promise.all(
        Array.from({ length: 20 }, (_, offset) => call('POST', '/products', { code: code(start + offset), name: `Rye flour no. ${start + offset}`, type: 'raw', uom: 'kg' }, session.accessToken)),
      );
      for (const created of batch) {
        expect(created.status).toBe(201);
        ids.push(created.body.id);
      }
    }
    // An NCR about the 600th product: the NCR list names it.
    const last = ids[599]!;
    expect((await call('POST', '/ncrs', { title: 'Moist sacks', description: 'Found wet on arrival', severity: 'minor', productId: last }, session.accessToken)).status).toBe(201);

    const productRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/products')) productRequests.push(decodeURIComponent(new URL(request.url()).search));
    });
    await signInAs(page, session);
    await page.goto('/ncrs');
    await page.getByText('Rye flour no. 599').waitFor();

    await page.getByTestId('new-ncr').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Torn sacks');
    await dialog.getByLabel('Description').fill('Two sacks torn');
    const picker = dialog.getByLabel('Product');
    await picker.click();
    await picker.fill('lkp-0587');
    await page.getByRole('option', { name: `${code(587)} · Rye flour no. 587` }).click();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('cell', { name: 'Rye flour no. 587' }).waitFor();

    // Names came by id, options by search: never a whole list.
    expect(productRequests.some((search) => search.includes('ids='))).toBe(true);
    expect(productRequests.some((search) => search.includes('search=lkp-0587'))).toBe(true);
    expect(productRequests.filter((search) => search.includes('limit=500'))).toEqual([]);
  },
  { timeout: 120_000 },
);
