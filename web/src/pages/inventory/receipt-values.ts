import type { PurchaseOrder } from '../../api/types';

/** One line of the receiving form: a product (or an order line of it), a quantity per plate, a lot. */
export interface ReceiptLine {
  productId: string | null;
  poLineId: string | null;
  qty: number | string;
  lot: string;
  expiryDate: string;
  count: number | string;
}

export interface ReceiptValues {
  purchaseOrderId: string | null;
  supplierId: string | null;
  locationId: string | null;
  lines: ReceiptLine[];
}

export const emptyLine: ReceiptLine = { productId: null, poLineId: null, qty: '', lot: '', expiryDate: '', count: 1 };

/** Whether goods can still be booked in against the order. */
export const isReceivable = (order: Pick<PurchaseOrder, 'status'>) => order.status === 'approved' || order.status === 'partially_received';

/** One line per order line still open, with what is still to come; one empty line when none is. */
export function openLinesOf(order: PurchaseOrder): ReceiptLine[] {
  const open = order.lines.filter((line) => line.receivedQty < line.qty);
  if (open.length === 0) return [{ ...emptyLine }];
  return open.map((line) => ({ ...emptyLine, productId: line.productId, poLineId: line.id, qty: Number((line.qty - line.receivedQty).toFixed(6)) }));
}

/** The POST /receipts body: the order or the supplier, and each line with only what was filled in. */
export function receiptBody(values: ReceiptValues) {
  return {
    ...(values.purchaseOrderId ? { purchaseOrderId: values.purchaseOrderId } : {}),
    ...(!values.purchaseOrderId && values.supplierId ? { supplierId: values.supplierId } : {}),
    locationId: values.locationId,
    lines: values.lines.map((line) => ({
      productId: line.productId,
      ...(values.purchaseOrderId && line.poLineId ? { poLineId: line.poLineId } : {}),
      qty: Number(line.qty),
      lot: line.lot.trim(),
      ...(line.expiryDate ? { expiryDate: line.expiryDate } : {}),
      ...(Number(line.count) > 1 ? { count: Number(line.count) } : {}),
    })),
  };
}
