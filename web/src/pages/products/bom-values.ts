// What the BOM form holds while it is edited, and the rules it checks before sending.

export interface ItemValues {
  key: string;
  productId: string | null;
  qty: number | string;
  scrapPercent: number | string;
}

export interface BomValues {
  outputQty: number | string;
  effectiveFrom: string;
  effectiveTo: string;
  items: ItemValues[];
}

export const emptyItem = (): ItemValues => ({ key: crypto.randomUUID(), productId: null, qty: '', scrapPercent: 0 });
export const hasAtMostDecimals = (value: number, decimals: number) => Math.abs(value * 10 ** decimals - Math.round(value * 10 ** decimals)) < 1e-6;
