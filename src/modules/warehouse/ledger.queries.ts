import { sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Row, Tx } from '../../platform/db/database.js';
import { decimal } from '../../platform/http/schemas.js';
import type { MoveType, StockMove } from './license-plate.schema.js';

// The append-only ledger (stock_moves) and LP lineage (lp_links). Nothing here updates or deletes.

export interface NewMove {
  licensePlateId: string;
  type: MoveType;
  /** Exact decimal strings; the database checks that qtyAfter continues the LP's ledger. */
  qtyChange: string;
  qtyAfter: string;
  fromLocationId?: string | null;
  toLocationId?: string | null;
  relatedLicensePlateId?: string | null;
  workOrderId?: string | null;
  reason?: string | null;
}

/** Appends ledger rows; at most one row per LP per call, so each row sees the one before it. */
export async function insertMoves(tx: Tx, orgId: string, moves: NewMove[]): Promise<void> {
  if (moves.length === 0) return;
  const rows = moves.map((m) => ({
    license_plate_id: m.licensePlateId,
    type: m.type,
    qty_change: m.qtyChange,
    qty_after: m.qtyAfter,
    from_location_id: m.fromLocationId ?? null,
    to_location_id: m.toLocationId ?? null,
    related_lp_id: m.relatedLicensePlateId ?? null,
    work_order_id: m.workOrderId ?? null,
    reason: m.reason ?? null,
  }));
  await tx.execute(sql`insert into stock_moves
      (org_id, license_plate_id, type, qty_change, qty_after, from_location_id, to_location_id, related_lp_id, work_order_id, reason)
    select ${orgId}, r.license_plate_id, r.type, r.qty_change, r.qty_after, r.from_location_id, r.to_location_id, r.related_lp_id, r.work_order_id, r.reason
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(license_plate_id uuid, type text, qty_change numeric, qty_after numeric,
      from_location_id uuid, to_location_id uuid, related_lp_id uuid, work_order_id uuid, reason text)`);
}

const toMove = (row: Row): StockMove => ({
  id: row.id as string,
  type: row.type as MoveType,
  qtyChange: decimal(row.qty_change as string),
  qtyAfter: decimal(row.qty_after as string),
  fromLocationId: (row.from_location_id as string | null) ?? null,
  toLocationId: (row.to_location_id as string | null) ?? null,
  relatedLicensePlateId: (row.related_lp_id as string | null) ?? null,
  workOrderId: (row.work_order_id as string | null) ?? null,
  reason: (row.reason as string | null) ?? null,
  userId: (row.user_id as string | null) ?? null,
  createdAt: toIso(row.created_at as string),
});

/** An LP's ledger, newest first; `before` is the id of the last row of the previous page. */
export async function selectMoves(tx: Tx, licensePlateId: string, page: { before: string | null; limit: number }): Promise<StockMove[]> {
  return (await tx.execute(movesSql(licensePlateId, page))).rows.map(toMove);
}

/** The ledger query (exported so a test can EXPLAIN exactly what runs). */
export const movesSql = (licensePlateId: string, page: { before: string | null; limit: number }) => sql`select id, type, qty_change, qty_after,
    from_location_id, to_location_id, related_lp_id, work_order_id, reason, user_id, created_at
  from stock_moves
  where license_plate_id = ${licensePlateId}
    and (${page.before}::uuid is null or seq < (select seq from stock_moves where id = ${page.before}::uuid))
  order by seq desc limit ${page.limit + 1}`;

export interface NewLink {
  fromLicensePlateId: string;
  toLicensePlateId: string;
  type: 'split' | 'merge' | 'production';
  qty: string;
  workOrderId?: string | null;
}

/** Records that LPs were made from others; a link points from the older LP to the newer. */
export async function insertLinks(tx: Tx, orgId: string, links: NewLink[]): Promise<void> {
  if (links.length === 0) return;
  const rows = links.map((l) => ({ from_lp_id: l.fromLicensePlateId, to_lp_id: l.toLicensePlateId, type: l.type, qty: l.qty, work_order_id: l.workOrderId ?? null }));
  await tx.execute(sql`insert into lp_links (org_id, from_lp_id, to_lp_id, type, qty, work_order_id)
    select ${orgId}, r.from_lp_id, r.to_lp_id, r.type, r.qty, r.work_order_id
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(from_lp_id uuid, to_lp_id uuid, type text, qty numeric, work_order_id uuid)`);
}

/**
 * Links one drawn LP to each of a work order's outputs it does not yet feed through that order
 * (a plate drawn twice into the same order is linked once, with the first draw's qty).
 */
export async function insertProductionLinksNotRecorded(
  tx: Tx,
  orgId: string,
  link: { fromLicensePlateId: string; toLicensePlateIds: string[]; qty: string; workOrderId: string },
): Promise<void> {
  if (link.toLicensePlateIds.length === 0) return;
  await tx.execute(sql`insert into lp_links (org_id, from_lp_id, to_lp_id, type, qty, work_order_id)
    select ${orgId}, ${link.fromLicensePlateId}, t.to_lp_id::uuid, 'production', ${link.qty}::numeric, ${link.workOrderId}
    from jsonb_array_elements_text(${JSON.stringify(link.toLicensePlateIds)}::jsonb) as t(to_lp_id)
    where not exists (select 1 from lp_links l
      where l.org_id = ${orgId} and l.from_lp_id = ${link.fromLicensePlateId} and l.to_lp_id = t.to_lp_id::uuid and l.work_order_id = ${link.workOrderId})`);
}
