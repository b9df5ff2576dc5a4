import { sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Row, Tx } from '../../platform/db/database.js';
import { decimal } from '../../platform/http/schemas.js';
import { toLicensePlate } from './license-plate.queries.js';
import type { ListReceiptsQuery, Receipt, ReceiptLine } from './receipt.schema.js';

const columns = sql`id, number, purchase_order_id, supplier_id, location_id, created_at`;
type Header = Omit<Receipt, 'lines' | 'licensePlates'>;

const toHeader = (row: Row): Header => ({
  id: row.id as string,
  number: row.number as string,
  purchaseOrderId: (row.purchase_order_id as string | null) ?? null,
  supplierId: (row.supplier_id as string | null) ?? null,
  locationId: row.location_id as string,
  createdAt: toIso(row.created_at as string),
});

const toLine = (row: Row): ReceiptLine & { receiptId: string } => ({
  id: row.id as string,
  receiptId: row.receipt_id as string,
  lineNo: Number(row.line_no),
  productId: row.product_id as string,
  poLineId: (row.purchase_order_line_id as string | null) ?? null,
  qty: decimal(row.qty as string),
  count: Number(row.plate_count),
  lot: row.lot as string,
  expiryDate: (row.expiry_date as string | null) ?? null,
});

/** Attaches lines and LPs to receipt headers, two queries for the whole page. */
async function withDetails(tx: Tx, headers: Header[]): Promise<Receipt[]> {
  if (headers.length === 0) return [];
  const ids = JSON.stringify(headers.map((h) => h.id));
  const lineRows = await tx.execute(sql`select id, receipt_id, line_no, product_id, purchase_order_line_id, qty, plate_count, lot, expiry_date
    from receipt_lines where receipt_id in (select value::uuid from jsonb_array_elements_text(${ids}::jsonb)) order by receipt_id, line_no`);
  const plateRows = await tx.execute(sql`select id, number, product_id, lot, expiry_date, qty, uom, status, qa_status, location_id, created_at, updated_at, receipt_id
    from license_plates where receipt_id in (select value::uuid from jsonb_array_elements_text(${ids}::jsonb)) order by number`);
  const lines = lineRows.rows.map(toLine);
  return headers.map((header) => ({
    ...header,
    lines: lines.filter((line) => line.receiptId === header.id).map(({ receiptId: _receipt, ...line }) => line),
    licensePlates: plateRows.rows.filter((row) => row.receipt_id === header.id).map(toLicensePlate),
  }));
}

export async function selectReceipts(tx: Tx, filter: Omit<ListReceiptsQuery, 'cursor'> & { after: string | null }): Promise<Receipt[]> {
  const result = await tx.execute(sql`select ${columns} from receipts
    where (${filter.after}::uuid is null or id > ${filter.after}::uuid)
      and (${filter.purchaseOrderId ?? null}::uuid is null or purchase_order_id = ${filter.purchaseOrderId ?? null}::uuid)
      and (${filter.supplierId ?? null}::uuid is null or supplier_id = ${filter.supplierId ?? null}::uuid)
    order by id limit ${filter.limit + 1}`);
  return withDetails(tx, result.rows.map(toHeader));
}

export async function selectReceipt(tx: Tx, id: string): Promise<Receipt | null> {
  const result = await tx.execute(sql`select ${columns} from receipts where id = ${id}`);
  return result.rows[0] ? (await withDetails(tx, [toHeader(result.rows[0])]))[0]! : null;
}

export async function insertReceipt(
  tx: Tx,
  orgId: string,
  receipt: { number: string; purchaseOrderId: string | null; supplierId: string | null; locationId: string },
): Promise<string> {
  const result = await tx.execute(sql`insert into receipts (org_id, number, purchase_order_id, supplier_id, location_id)
    values (${orgId}, ${receipt.number}, ${receipt.purchaseOrderId}, ${receipt.supplierId}, ${receipt.locationId}) returning id`);
  return result.rows[0]!.id as string;
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
  const rows = lines.map((line, index) => ({
    line_no: index + 1,
    product_id: line.productId,
    purchase_order_line_id: line.poLineId,
    qty: line.qty,
    plate_count: line.count,
    lot: line.lot,
    expiry_date: line.expiryDate,
  }));
  const result = await tx.execute(sql`insert into receipt_lines (org_id, receipt_id, line_no, product_id, purchase_order_line_id, qty, plate_count, lot, expiry_date)
    select ${orgId}, ${receiptId}, r.line_no, r.product_id, r.purchase_order_line_id, r.qty, r.plate_count, r.lot, r.expiry_date
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(line_no integer, product_id uuid, purchase_order_line_id uuid, qty numeric,
      plate_count integer, lot text, expiry_date date)
    returning id, line_no`);
  return result.rows.sort((a, b) => Number(a.line_no) - Number(b.line_no)).map((row) => row.id as string);
}

/** Where received LPs came from: receipt, supplier and purchase order, for trace. */
export async function selectReceiptOrigins(tx: Tx, licensePlateIds: string[]) {
  const result = await tx.execute(sql`select lp.id as license_plate_id, r.id as receipt_id, r.supplier_id, r.purchase_order_id
    from license_plates lp join receipts r on r.org_id = lp.org_id and r.id = lp.receipt_id
    where lp.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(licensePlateIds)}::jsonb))`);
  return result.rows.map((row) => ({
    licensePlateId: row.license_plate_id as string,
    receiptId: row.receipt_id as string,
    supplierId: (row.supplier_id as string | null) ?? null,
    purchaseOrderId: (row.purchase_order_id as string | null) ?? null,
  }));
}

export async function supplierExists(tx: Tx, id: string): Promise<boolean> {
  return (await tx.execute(sql`select 1 from suppliers where id = ${id}`)).rows.length > 0;
}
