import type { RequestContext } from '../../platform/context.js';
import { toDecimalText, toJsonNumber } from '../../platform/decimal.js';
import { queryRow } from '../../platform/db/rows.js';
import { withTenantReadOnly } from '../../platform/db/tenancy.js';
import { getMe, selectOrgTimezone } from '../settings/index.js';
import { selectCustomerContacts, selectReceiptsOfPlates, selectWorkOrders, type ReceiptFields, type ReceiptRow } from './recall-report.queries.js';
import { recallStatement, selectRecallSummaryJson, selectTraceJson, traceSettings } from './trace.queries.js';
import type { Recall, RecallQuery, RecallSummary, Trace } from './trace.schema.js';
import { requireRoots, requireTraceRead } from './trace.service.js';

/** A quantity with its unit, per unit: a lot's plates are all of one unit, but a recall may reach several. */
export type Amounts = { qty: string; uom: string }[];

/** What the recall report (CSV and PDF) prints: the recall of one lot as an authority asks for it. */
export interface RecallReport {
  productCode: string;
  productName: string;
  lot: string;
  organization: string;
  generatedAt: string;
  generatedBy: string;
  totals: { plates: number; platesInPlant: number; inPlant: Amounts; shipped: Amounts; customers: number; shipments: number; lots: number };
  receipts: (ReceiptFields & { qty: number })[];
  workOrders: { number: string; status: string; productCode: string; productName: string; inputs: string; outputs: string }[];
  customers: { code: string; name: string; contactName: string | null; email: string | null; phone: string | null; address: string | null; shipped: { productCode: string; lot: string; qty: number; uom: string }[] }[];
  shipments: (Recall['shipments'][number] & { uom: string })[];
  plates: { number: string; productCode: string; lot: string; qty: number; uom: string; status: string; qaStatus: string; location: string | null }[];
}

const MICRO = 1_000_000n;
const toMicro = (value: number) => {
  const [whole = '0', fraction = ''] = toDecimalText(Math.abs(value)).split('.');
  return (BigInt(whole) * MICRO + BigInt(fraction.padEnd(6, '0'))) * (value < 0 ? -1n : 1n);
};
const fromMicro = (micro: bigint) => {
  const sign = micro < 0n ? '-' : '';
  const abs = micro < 0n ? -micro : micro;
  const fraction = (abs % MICRO).toString().padStart(6, '0').replace(/0+$/, '');
  return `${sign}${abs / MICRO}${fraction ? `.${fraction}` : ''}`;
};

/** Exact sums by unit (quantities carry at most 6 decimals: summed as whole millionths). */
export function sumByUnit(items: { qty: number; uom: string }[]): Amounts {
  const sums = new Map<string, bigint>();
  for (const item of items) sums.set(item.uom, (sums.get(item.uom) ?? 0n) + toMicro(item.qty));
  return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([uom, micro]) => ({ qty: fromMicro(micro), uom }));
}

interface Read {
  recall: Recall;
  summary: RecallSummary;
  forward: Trace;
  receipts: ReceiptRow[];
  workOrders: Awaited<ReturnType<typeof selectWorkOrders>>;
  contacts: Awaited<ReturnType<typeof selectCustomerContacts>>;
}

/** Everything the report needs, in one read-only transaction (one snapshot). */
async function readRecall(ctx: RequestContext, query: RecallQuery): Promise<Read> {
  return withTenantReadOnly(ctx, async (tx) => {
    const roots = await requireRoots(tx, query);
    const timezone = await selectOrgTimezone(tx);
    const forward = JSON.parse(await selectTraceJson(tx, 'forward', roots)) as Trace;
    const backward = JSON.parse(await selectTraceJson(tx, 'backward', roots)) as Trace;
    await tx.execute(traceSettings);
    const recall = JSON.parse((await queryRow<{ body: string }>(tx, recallStatement(query, roots)))!.body) as Recall;
    const summary = JSON.parse(await selectRecallSummaryJson(tx, query)) as RecallSummary;
    const workOrderIds = [...new Set(forward.links.map((link) => link.workOrderId).filter((id): id is string => id !== null))];
    return {
      recall,
      summary,
      forward,
      receipts: await selectReceiptsOfPlates(tx, [...new Set(backward.receipts.map((receipt) => receipt.licensePlateId))], timezone),
      workOrders: await selectWorkOrders(tx, workOrderIds),
      contacts: await selectCustomerContacts(tx, summary.customers.map((customer) => customer.id)),
    };
  });
}

/** Each work order the lot went through, with what of the recall it took in and made. */
function workOrderChain(read: Read): RecallReport['workOrders'] {
  const plates = new Map(read.recall.licensePlates.map((lp) => [lp.id, lp]));
  const lotOf = (id: string) => {
    const lp = plates.get(id);
    return lp ? `${lp.productCode} ${lp.lot}` : '?';
  };
  return read.workOrders.map((wo) => {
    const links = read.forward.links.filter((link) => link.workOrderId === wo.id);
    const inputs = sumPerLot(links.map((link) => ({ key: lotOf(link.from), qty: link.qty, uom: plates.get(link.from)?.uom ?? '' })));
    const outputs = [...new Set(links.map((link) => lotOf(link.to)))].join('; ');
    return { number: wo.number, status: wo.status, productCode: wo.productCode, productName: wo.productName, inputs, outputs };
  });
}

const sumPerLot = (items: { key: string; qty: number; uom: string }[]) =>
  [...new Set(items.map((item) => item.key))]
    .map((key) => `${key}: ${sumByUnit(items.filter((item) => item.key === key)).map((amount) => `${amount.qty} ${amount.uom}`).join(', ')}`)
    .join('; ');

/**
 * The recall of a lot as one would send it to an authority: who made it and when, the totals,
 * the supplier receipts it came from, the work orders it went through, every customer with
 * their contact and what they got, every shipment, and every plate (a plate no longer in the
 * plant shows no location).
 */
export async function buildRecallReport(ctx: RequestContext, query: RecallQuery): Promise<RecallReport> {
  requireTraceRead(ctx);
  const me = await getMe(ctx);
  const read = await readRecall(ctx, query);
  const plates = read.recall.licensePlates;
  const uomOf = new Map(plates.map((lp) => [lp.id, lp.uom]));
  const uomOfProduct = new Map(plates.map((lp) => [lp.productId, lp.uom]));
  const inPlant = plates.filter((lp) => lp.status === 'available');
  const suspect = read.summary.lots[0]!;
  const contacts = new Map(read.contacts.map((contact) => [contact.id, contact]));
  const shipments = read.recall.shipments.map((line) => ({ ...line, uom: uomOf.get(line.licensePlateId) ?? '' }));
  return {
    productCode: suspect.productCode,
    productName: suspect.productName,
    lot: query.lot,
    organization: me.organization.name,
    generatedAt: new Date().toISOString(),
    generatedBy: `${me.user.name} <${me.user.email}>`,
    totals: {
      plates: plates.length,
      platesInPlant: inPlant.length,
      inPlant: sumByUnit(inPlant),
      shipped: sumByUnit(shipments),
      customers: read.summary.customers.length,
      shipments: new Set(shipments.map((line) => line.shipmentId)).size,
      lots: read.summary.lots.length,
    },
    receipts: read.receipts.map((receipt) => ({ ...receipt, qty: toJsonNumber(receipt.qty) })),
    workOrders: workOrderChain(read),
    customers: read.summary.customers.map((customer) => ({
      code: customer.code,
      name: customer.name,
      contactName: contacts.get(customer.id)?.contactName ?? null,
      email: customer.email ?? null,
      phone: customer.phone ?? null,
      address: contacts.get(customer.id)?.address ?? null,
      shipped: read.summary.lots.flatMap((lot) =>
        lot.shipped.filter((to) => to.customerId === customer.id).map((to) => ({ productCode: lot.productCode, lot: lot.lot, qty: to.qty, uom: uomOfProduct.get(lot.productId) ?? '' })),
      ),
    })),
    shipments,
    plates: plates.map((lp) => ({ number: lp.number, productCode: lp.productCode, lot: lp.lot, qty: lp.qty, uom: lp.uom, status: lp.status, qaStatus: lp.qaStatus, location: lp.status === 'available' ? `${lp.warehouseCode} / ${lp.locationCode}` : null })),
  };
}
