import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** A user's search text as an ILIKE "contains" pattern, with % _ and \ taken literally; null for no search. */
export function containsPattern(search: string | undefined): string | null {
  return search ? `%${escapeLike(search)}%` : null;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Best matches first: the whole code, then codes starting with the text, then the rest, each
 * in code order. Used by every kind of GET /search, so a typed code finds its record on top.
 */
export function matchOrder(column: AnyColumn | SQL, search: string): SQL[] {
  return [sql`lower(${column}) = lower(${search}) desc`, sql`${column} ilike ${`${escapeLike(search)}%`} desc`, sql`${column}`];
}

/** What GET /search answers for one record: its kind, id and a label a person recognizes. */
export interface SearchHit {
  kind: 'license_plate' | 'lot' | 'product' | 'work_order' | 'purchase_order' | 'sales_order' | 'sscc';
  id: string;
  label: string;
  /** A second line: the product, status or lot. */
  detail?: string;
  /** A lot's own text (its id is the product's). */
  lot?: string;
  productId?: string;
}
