import { and, asc, eq, gt } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import { inIdList } from '../../platform/db/id-list.js';
import { decimal } from '../../platform/http/schemas.js';
import { licensePlateFields, publicPlate } from './license-plate.record.js';
import type { ListReceiptsQuery, Receipt } from './receipt.schema.js';
import { licensePlates, receiptLines, receipts } from './tables.js';

const headerFields = {
  id: receipts.id,
  number: receipts.number,
  purchaseOrderId: receipts.purchaseOrderId,
  supplierId: receipts.supplierId,
  locationId: receipts.locationId,
  createdAt: receipts.createdAt,
};
type Header = Pick<typeof receipts.$inferSelect, keyof typeof headerFields>;

const lineFields = {
  id: receiptLines.id,
  receiptId: receiptLines.receiptId,
  lineNo: receiptLines.lineNo,
  productId: receiptLines.productId,
  poLineId: receiptLines.purchaseOrderLineId,
  qty: receiptLines.qty,
  count: receiptLines.plateCount,
  lot: receiptLines.lot,
  expiryDate: receiptLines.expiryDate,
};

/** Attaches lines and LPs to receipt headers, two queries for the whole page. */
async function withDetails(tx: Tx, headers: Header[]): Promise<Receipt[]> {
  if (headers.length === 0) return [];
  const ids = headers.map((header) => header.id);
  const lines = await tx.select(lineFields).from(receiptLines).where(inIdList(receiptLines.receiptId, ids)).orderBy(asc(receiptLines.receiptId), asc(receiptLines.lineNo));
  const plates = await tx
    .select({ ...licensePlateFields, receiptId: licensePlates.receiptId })
    .from(licensePlates)
    .where(inIdList(licensePlates.receiptId, ids))
    .orderBy(asc(licensePlates.number));
  return headers.map((header) => ({
    ...header,
    createdAt: toIso(header.createdAt),
    lines: lines.filter((line) => line.receiptId === header.id).map(({ receiptId: _receipt, ...line }) => ({ ...line, qty: decimal(line.qty) })),
    licensePlates: plates.filter((plate) => plate.receiptId === header.id).map(publicPlate),
  }));
}

export async function selectReceipts(tx: Tx, filter: Omit<ListReceiptsQuery, 'cursor'> & { after: string | null }): Promise<Receipt[]> {
  const headers = await tx
    .select(headerFields)
    .from(receipts)
    .where(
      and(
        filter.after === null ? undefined : gt(receipts.id, filter.after),
        filter.purchaseOrderId === undefined ? undefined : eq(receipts.purchaseOrderId, filter.purchaseOrderId),
        filter.supplierId === undefined ? undefined : eq(receipts.supplierId, filter.supplierId),
      ),
    )
    .orderBy(asc(receipts.id))
    .limit(filter.limit + 1);
  return withDetails(tx, headers);
}

export async function selectReceipt(tx: Tx, id: string): Promise<Receipt | null> {
  const headers = await tx.select(headerFields).from(receipts).where(eq(receipts.id, id));
  return (await withDetails(tx, headers))[0] ?? null;
}

export async function insertReceipt(
  tx: Tx,
  orgId: string,
  receipt: { number: string; purchaseOrderId: string | null; supplierId: string | null; locationId: string },
): Promise<string> {
  const [row] = await tx.insert(receipts).values({ ...receipt, orgId }).returning({ id: receipts.id });
  return row!.id;
}

export interface NewReceiptLine {
  productId: string;
  poLineId: string | null;
  qty: string;
  count: number;
  lot: string;
  expiryDate: string | null;
}

/** Inserts the lines in order; answers their ids in the same order. */
export async function insertReceiptLines(tx: Tx, orgId: string, receiptId: string, lines: NewReceiptLine[]): Promise<string[]> {
  const rows = await tx
    .insert(receiptLines)
    .values(
      lines.map((line, index) => ({
        orgId,
        receiptId,
        lineNo: index + 1,
        productId: line.productId,
        purchaseOrderLineId: line.poLineId,
        qty: line.qty,
        plateCount: line.count,
        lot: line.lot,
        expiryDate: line.expiryDate,
      })),
    )
    .returning({ id: receiptLines.id, lineNo: receiptLines.lineNo });
  return rows.sort((a, b) => a.lineNo - b.lineNo).map((row) => row.id);
}

/** Where received LPs came from: receipt, supplier and purchase order, for trace. */
export async function selectReceiptOrigins(tx: Tx, licensePlateIds: string[]) {
  if (licensePlateIds.length === 0) return [];
  return tx
    .select({ licensePlateId: licensePlates.id, receiptId: receipts.id, supplierId: receipts.supplierId, purchaseOrderId: receipts.purchaseOrderId })
    .from(licensePlates)
    .innerJoin(receipts, and(eq(receipts.orgId, licensePlates.orgId), eq(receipts.id, licensePlates.receiptId)))
    .where(inIdList(licensePlates.id, licensePlateIds));
}
