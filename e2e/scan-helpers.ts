import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { call, type Session } from './api.js';

export const ok = <T = any>(response: { status: number; body: T }, what: string): T => {
  if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

/** A cold store: a dock, two racks, a production line, flour on plates, bread made from it. */
export async function coldStore(session: Session, plates = 1) {
  const token = session.accessToken;
  const warehouse = ok(await call('POST', '/warehouses', { code: 'WH', name: 'Cold store' }, token), 'warehouse');
  const location = async (code: string, name: string, type: string) => ok(await call('POST', '/locations', { warehouseId: warehouse.id, code, name, type }, token), code);
  const dock = await location('DOCK', 'Dock', 'receiving');
  const rackA = await location('A-01', 'Rack A1', 'storage');
  const rackB = await location('B-01', 'Rack B1', 'storage');
  const line = await location('LINE-1', 'Oven line', 'production');
  const supplier = ok(await call('POST', '/suppliers', { code: 'MILL', name: 'Stone Mill' }, token), 'supplier');
  const flour = ok(await call('POST', '/products', { code: 'FLOUR', name: 'Rye flour', type: 'raw', uom: 'kg', shelfLifeDays: 120, gtin: '09501101530003' }, token), 'flour');
  const bread = ok(await call('POST', '/products', { code: 'BREAD', name: 'Rye bread', type: 'finished', uom: 'pcs', shelfLifeDays: 4 }, token), 'bread');
  const bom = ok(await call('POST', '/boms', { productId: bread.id, outputQty: 2, effectiveFrom: '2020-01-01', items: [{ productId: flour.id, qty: 1 }] }, token), 'bom');
  ok(await call('POST', `/boms/${bom.id}/activate`, {}, token), 'activate');
  const receipt = ok(await call('POST', '/receipts', { supplierId: supplier.id, locationId: dock.id, lines: [{ productId: flour.id, qty: 50, lot: 'RYE-77', count: plates }] }, token), 'receipt');
  return { warehouse, dock, rackA, rackB, line, supplier, flour, bread, plates: receipt.licensePlates as { id: string; number: string }[] };
}

/** A keyboard-wedge scanner: the code typed fast into whatever has the focus, then Enter. No tap first. */
export async function wedgeScan(page: Page, code: string): Promise<void> {
  // As a person does: the scan comes once the screen is up and its scan field holds the focus.
  await page.waitForFunction(() => {
    const focused = (globalThis as any).document.activeElement;
    return focused?.tagName === 'INPUT' && !focused.readOnly;
  });
  await page.keyboard.type(code, { delay: 4 });
  await page.keyboard.press('Enter');
}

export async function shoot(page: Page, name: string): Promise<void> {
  const dir = join(process.cwd(), 'e2e', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `scan-${name}.png`), fullPage: true });
}

/** The plate's ledger rows of one type (how many times the server did that to it). */
export async function ledgerCount(session: Session, lpId: string, type: string): Promise<number> {
  const moves = ok(await call('GET', `/license-plates/${lpId}/moves`, undefined, session.accessToken), 'moves');
  return (moves.items ?? moves).filter((row: { type: string }) => row.type === type).length;
}
