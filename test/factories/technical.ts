import type { Client } from '../server.js';

// Factories for products, allergens and BOMs, through the API.

let sequence = 0;

export const uniqueProductCode = (prefix = 'P') => `${prefix}-${Date.now().toString(36)}-${(sequence++).toString(36)}`;

async function created<T = any>(client: Client, url: string, body: Record<string, unknown>): Promise<T> {
  const response = await client.post(url, body);
  if (response.status !== 201 && response.status !== 200) throw new Error(`POST ${url} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as T;
}

export const createProduct = (client: Client, overrides: Record<string, unknown> = {}) =>
  created(client, '/api/v1/products', { code: uniqueProductCode(), name: 'Wheat flour', type: 'raw', uom: 'kg', ...overrides });

export interface BomItemSpec {
  productId: string;
  qty: number;
  scrapPercent?: number;
}

export const createBom = (client: Client, productId: string, items: BomItemSpec[], overrides: Record<string, unknown> = {}) =>
  created(client, '/api/v1/boms', { productId, outputQty: 1, effectiveFrom: '2020-01-01', items, ...overrides });

export async function activate(client: Client, bomId: string) {
  return created(client, `/api/v1/boms/${bomId}/activate`, {});
}

/** A BOM created and put in force at once. */
export async function createActiveBom(client: Client, productId: string, items: BomItemSpec[], overrides: Record<string, unknown> = {}) {
  const bom = await createBom(client, productId, items, overrides);
  return activate(client, bom.id);
}

export const csvHeaderLine = 'code,name,type,uom,shelfLifeDays,gtin,allergens';

/** POSTs CSV text to the product import. */
export const importCsv = (client: Client, csv: string, options: { dryRun?: boolean } = {}) =>
  client.post(`/api/v1/products/import${options.dryRun ? '?dryRun=true' : ''}`, csv, { 'content-type': 'text/csv' });
