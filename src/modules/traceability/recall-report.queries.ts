import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/rows.js';
import { purchaseOrders, suppliers } from '../planning/tables.js';
import { workOrders } from '../production/tables.js';
import { customers } from '../shipping/tables.js';
import { products } from '../technical/tables.js';
import { licensePlates, receipts, stockMoves } from '../warehouse/tables.js';

// The parts of the recall report the trace and the recall do not already answer: where the
// received plates came from, which work orders the lot went through, and whom to call.

const p = alias(licensePlates, 'p');
const r = alias(receipts, 'r');
const sp = alias(suppliers, 'sp');
const po = alias(purchaseOrders, 'po');
const pr = alias(products, 'pr');
const m = alias(stockMoves, 'm');
const wo = alias(workOrders, 'wo');
const c = alias(customers, 'c');

/** A received plate's receipt as the report prints it (qty apart: exact text here, a number in the report). */
export interface ReceiptFields {
  receiptNumber: string;
  receivedOn: string;
  supplierCode: string | null;
  supplierName: string | null;
  supplierContact: string | null;
  purchaseOrderNumber: string | null;
  licensePlateNumber: string;
  productCode: string;
  productName: string;
  lot: string;
  uom: string;
}

export interface ReceiptRow extends ReceiptFields, Record<string, unknown> {
  qty: string;
}

/** The receipts the plates came in on, each plate with the quantity it was received with (its ledger's receipt move). */
export async function selectReceiptsOfPlates(tx: Tx, plateIds: string[], timezone: string): Promise<ReceiptRow[]> {
  if (plateIds.length === 0) return [];
  return queryRows<ReceiptRow>(
    tx,
    sql`select ${r.number} as "receiptNumber", to_char(${r.createdAt} at time zone ${timezone}, 'YYYY-MM-DD') as "receivedOn",
        ${sp.code} as "supplierCode", ${sp.name} as "supplierName", concat_ws(', ', nullif(${sp.email}, ''), nullif(${sp.phone}, ''), nullif(${sp.address}, '')) as "supplierContact",
        ${po.number} as "purchaseOrderNumber", ${p.number} as "licensePlateNumber", ${pr.code} as "productCode", ${pr.name} as "productName", ${p.lot} as lot,
        coalesce((select sum(${m.qtyChange}) from ${stockMoves} ${m} where ${m.licensePlateId} = ${p.id} and ${m.type} = 'receipt'), 0)::text as qty, ${p.uom} as uom
      from ${licensePlates} ${p}
      join ${receipts} ${r} on ${r.orgId} = ${p.orgId} and ${r.id} = ${p.receiptId}
      join ${products} ${pr} on ${pr.orgId} = ${p.orgId} and ${pr.id} = ${p.productId}
      left join ${suppliers} ${sp} on ${sp.orgId} = ${r.orgId} and ${sp.id} = ${r.supplierId}
      left join ${purchaseOrders} ${po} on ${po.orgId} = ${r.orgId} and ${po.id} = ${r.purchaseOrderId}
      where ${p.id} in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(plateIds)}::jsonb))
      order by ${r.createdAt}, ${r.number}, ${p.number}`,
  );
}

export interface WorkOrderRow extends Record<string, unknown> {
  id: string;
  number: string;
  status: string;
  productCode: string;
  productName: string;
}

export async function selectWorkOrders(tx: Tx, ids: string[]): Promise<WorkOrderRow[]> {
  if (ids.length === 0) return [];
  return queryRows<WorkOrderRow>(
    tx,
    sql`select ${wo.id} as id, ${wo.number} as number, ${wo.status} as status, ${pr.code} as "productCode", ${pr.name} as "productName"
      from ${workOrders} ${wo} join ${products} ${pr} on ${pr.orgId} = ${wo.orgId} and ${pr.id} = ${wo.productId}
      where ${wo.id} in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
      order by ${wo.number}`,
  );
}

export interface CustomerContactRow extends Record<string, unknown> {
  id: string;
  contactName: string | null;
  address: string | null;
}

/** The contact person and address of the customers (the summary already has email and phone). */
export async function selectCustomerContacts(tx: Tx, ids: string[]): Promise<CustomerContactRow[]> {
  if (ids.length === 0) return [];
  return queryRows<CustomerContactRow>(
    tx,
    sql`select ${c.id} as id, ${c.contactName} as "contactName", ${c.address} as address from ${customers} ${c}
      where ${c.id} in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
  );
}
