import { expect } from 'vitest';
import { call, signInAs, signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';
import { ok, wedgeScan } from './scan-helpers.js';

// Names and pickers beyond the 500th record: with 600 products, the last one's name shows in a list
// (resolved by id) and it is found in a picker by typing (searched on the server); no screen loads
// the whole product list to get there. The floor scanner, which must work offline, keeps every page.

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

    // The floor scanner keeps every product on the device (all pages): a plate of the 600th is named.
    const token = session.accessToken;
    const warehouse = ok(await call('POST', '/warehouses', { code: 'WH', name: 'Store' }, token), 'warehouse');
    const dock = ok(await call('POST', '/locations', { warehouseId: warehouse.id, code: 'DOCK', name: 'Dock', type: 'receiving' }, token), 'dock');
    const receipt = ok(await call('POST', '/receipts', { locationId: dock.id, lines: [{ productId: last, qty: 5, lot: 'L-600' }] }, token), 'receipt');
    await page.goto('/scan/lookup');
    await wedgeScan(page, receipt.licensePlates[0].number);
    await page.getByTestId('plate-card').getByText(`${code(599)} · Rye flour no. 599`).waitFor();
  },
  { timeout: 120_000 },
);
