import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import { precompiled, precompiledColumns, precompiledInsert } from '../../platform/db/precompiled.js';
import { decimal } from '../../platform/http/schemas.js';
import type { MoveType, StockMove } from './license-plate.schema.js';
import { lpLinks, stockMoves } from './tables.js';

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

/** What a move says, as written and as read back. */
const moveColumns = {
  type: stockMoves.type,
  qtyChange: stockMoves.qtyChange,
  qtyAfter: stockMoves.qtyAfter,
  fromLocationId: stockMoves.fromLocationId,
  toLocationId: stockMoves.toLocationId,
  relatedLicensePlateId: stockMoves.relatedLpId,
  workOrderId: stockMoves.workOrderId,
  reason: stockMoves.reason,
};

const insertMovesSql = precompiledInsert(stockMoves, stockMoves.orgId, { licensePlateId: stockMoves.licensePlateId, ...moveColumns });

/** Appends ledger rows; at most one row per LP per call, so each row sees the one before it. */
export async function insertMoves(tx: Tx, orgId: string, moves: NewMove[]): Promise<void> {
  if (moves.length === 0) return;
  // One statement on every stock path (precompiled: see platform/db/precompiled.ts).
  await tx.execute(insertMovesSql(orgId, moves));
}

const moveFields = { id: stockMoves.id, ...moveColumns, userId: stockMoves.userId, createdAt: stockMoves.createdAt };

/** An LP's ledger, newest first; `before` is the id of the last row of the previous page. */
export async function selectMoves(tx: Tx, licensePlateId: string, page: { before: string | null; limit: number }): Promise<StockMove[]> {
  const rows = await movesQuery(tx, licensePlateId, page);
  return rows.map((row) => ({ ...row, qtyChange: decimal(row.qtyChange), qtyAfter: decimal(row.qtyAfter), createdAt: toIso(row.createdAt) }));
}

/** The ledger query (exported so a test can EXPLAIN exactly what runs). */
export function movesQuery(tx: Tx, licensePlateId: string, page: { before: string | null; limit: number }) {
  const seqBefore = page.before === null ? undefined : lt(stockMoves.seq, sql`(select ${stockMoves.seq} from ${stockMoves} where ${stockMoves.id} = ${page.before})`);
  return tx
    .select(moveFields)
    .from(stockMoves)
    .where(and(eq(stockMoves.licensePlateId, licensePlateId), seqBefore))
    .orderBy(desc(stockMoves.seq))
    .limit(page.limit + 1);
}

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
  await tx.insert(lpLinks).values(
    links.map((link) => ({ orgId, fromLpId: link.fromLicensePlateId, toLpId: link.toLicensePlateId, type: link.type, qty: link.qty, workOrderId: link.workOrderId ?? null })),
  );
}

const l = precompiledColumns(lpLinks);
const linksTable = precompiled(sql`${lpLinks}`);
const linkColumns = [lpLinks.orgId, lpLinks.fromLpId, lpLinks.toLpId, lpLinks.type, lpLinks.qty, lpLinks.workOrderId];
const insertLinksHead = precompiled(sql`insert into ${lpLinks} (${sql.join(linkColumns.map((column) => sql.identifier(column.name)), sql`, `)}) select`);

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
  // One statement on the consumption path, its fixed text rendered once (platform/db/precompiled.ts).
  await tx.execute(sql`${insertLinksHead} ${orgId}::uuid, ${link.fromLicensePlateId}::uuid, output.lp_id::uuid, 'production', ${link.qty}::numeric, ${link.workOrderId}::uuid
    from jsonb_array_elements_text(${JSON.stringify(link.toLicensePlateIds)}::jsonb) as output(lp_id)
    where not exists (select from ${linksTable} where ${l.orgId} = ${orgId} and ${l.fromLpId} = ${link.fromLicensePlateId} and ${l.toLpId} = output.lp_id::uuid and ${l.workOrderId} = ${link.workOrderId})`);
}
