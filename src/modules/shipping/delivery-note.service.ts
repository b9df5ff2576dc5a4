import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { requireAnyPermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { findDispatchProducts } from '../technical/index.js';
import { selectPalletItems, selectPalletsOfOrder } from './pallet.queries.js';
import { selectCustomerRules, selectSalesOrder } from './sales-order.queries.js';
import type { Shipment } from './shipment.schema.js';
import { getShipment } from './shipment.service.js';

// PDF's standard Helvetica has no ł, ż or ć; bwip-js ships Inconsolata, which has them.
const font = join(dirname(createRequire(import.meta.url).resolve('bwip-js')), '..', 'fonts', 'Inconsolata.otf');

interface DeliveryNote {
  shipment: Shipment;
  customer: { code: string; name: string; address: string | null };
  orderNumber: string | null;
  productNames: Map<string, string>;
  ssccs: string[];
}

/** Everything the note prints, read in one transaction. */
async function readDeliveryNote(ctx: RequestContext, id: string): Promise<DeliveryNote> {
  const shipment = await getShipment(ctx, id);
  return withTenant(ctx, async (tx) => {
    const customer = (await selectCustomerRules(tx, [shipment.customerId])).get(shipment.customerId)!;
    const order = shipment.salesOrderId ? await selectSalesOrder(tx, shipment.salesOrderId) : null;
    const shippedIds = new Set(shipment.licensePlates.map((lp) => lp.id));
    const pallets = order ? await selectPalletsOfOrder(tx, order.id) : [];
    const items = await selectPalletItems(tx, pallets.map((pallet) => pallet.id));
    const ssccs = pallets.filter((pallet) => items.some((item) => item.palletId === pallet.id && shippedIds.has(item.licensePlateId))).map((pallet) => pallet.sscc);
    const products = await findDispatchProducts(ctx, shipment.licensePlates.map((lp) => lp.productId));
    const productNames = new Map([...products.values()].map((product) => [product.id, `${product.code} ${product.name}`]));
    return { shipment, customer, orderNumber: order?.number ?? null, productNames, ssccs };
  });
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** The shipment's delivery note as an A4 PDF: customer, order, each plate's product, lot and quantity, and the pallets' SSCCs. */
export async function renderDeliveryNote(ctx: RequestContext, id: string): Promise<Buffer> {
  requireAnyPermission(ctx, ['shipping', 'quality'], 'read');
  const note = await readDeliveryNote(ctx, id);
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Delivery note ${note.shipment.number}` } });
  const done = collect(doc);
  doc.registerFont('note', font).font('note');
  doc.fontSize(18).text(`Delivery note ${note.shipment.number}`);
  doc.moveDown().fontSize(11).text(`Ship date: ${note.shipment.shipDate}`);
  if (note.orderNumber) doc.text(`Sales order: ${note.orderNumber}`);
  doc.moveDown().text(`Customer: ${note.customer.name} (${note.customer.code})`);
  if (note.customer.address) doc.text(note.customer.address);
  doc.moveDown().fontSize(10).text(['Product'.padEnd(34), 'Lot'.padEnd(16), 'Plate'.padEnd(12), 'Quantity'].join(' '));
  for (const lp of note.shipment.licensePlates) {
    const product = (note.productNames.get(lp.productId) ?? lp.productId).slice(0, 34).padEnd(34);
    doc.text([product, lp.lot.slice(0, 16).padEnd(16), lp.number.padEnd(12), `${lp.qty} ${lp.uom}`].join(' '));
  }
  if (note.ssccs.length > 0) {
    doc.moveDown().fontSize(11).text('Pallets (SSCC):');
    for (const sscc of note.ssccs) doc.text(`(00) ${sscc}`);
  }
  doc.end();
  return done;
}
