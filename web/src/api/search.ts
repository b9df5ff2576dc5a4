import { api } from './client';
import type { ProductType } from './types';

/** GET /search (API.md, "For the web app and the floor"): anything found by a code typed or scanned. */
export interface SearchHit {
  kind: 'license_plate' | 'lot' | 'product' | 'work_order' | 'purchase_order' | 'sales_order' | 'sscc';
  /** The record's id; for a lot, its product's. */
  id: string;
  label: string;
  detail?: string;
  lot?: string;
  productId?: string;
  productType?: ProductType;
}

export async function searchEverything(q: string, signal?: AbortSignal): Promise<SearchHit[]> {
  return (await api<{ items: SearchHit[] }>('/search', { query: { q, limit: 5 }, signal })).items;
}

/** Where a lot opens: a raw material is recalled forward (where it went), anything else traced back first. */
export function lotTracePath(productId: string, lot: string, productType?: ProductType): string {
  const direction = productType === 'raw' ? 'forward' : 'backward';
  return `/trace?${new URLSearchParams({ productId, lot, direction }).toString()}`;
}

/** The screen that shows a hit. */
export function pathOf(hit: SearchHit): string {
  switch (hit.kind) {
    case 'license_plate':
      return `/license-plates/${hit.id}`;
    case 'lot':
      return lotTracePath(hit.id, hit.lot ?? hit.label, hit.productType);
    case 'product':
      return `/products/${hit.id}`;
    case 'work_order':
      return `/work-orders/${hit.id}`;
    case 'purchase_order':
      return `/purchase-orders/${hit.id}`;
    case 'sales_order':
      return `/sales-orders/${hit.id}`;
    case 'sscc':
      return `/pallets/${hit.id}`;
  }
}
