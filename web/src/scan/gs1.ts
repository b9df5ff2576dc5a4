import { api } from '../api/client';

/** POST /gs1/parse (API.md "Sales and dispatch"): what a supplier's GS1-128 label says. */
export interface Gs1Fields {
  gtin?: string;
  sscc?: string;
  lot?: string;
  bestBefore?: string;
  expiryDate?: string;
  productionDate?: string;
  netWeightKg?: number;
  count?: number;
  productId?: string;
}

export function parseGs1(barcode: string): Promise<Gs1Fields> {
  return api<Gs1Fields>('/gs1/parse', { method: 'POST', body: { barcode } });
}
