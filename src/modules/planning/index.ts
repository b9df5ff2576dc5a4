/** Planning: suppliers and purchase orders (receiving against an order is warehouse's call into this module). */
import type { ModuleManifest } from '../../platform/modules.js';
import { purchaseOrderRoutes } from './purchase-order.routes.js';
import { supplierRoutes } from './suppliers.js';

export { suppliers } from './suppliers.js';
export { searchPurchaseOrders } from './purchase-order-search.js';
export { announcePurchaseOrderReceived, getPurchaseOrder, receiveAgainstPurchaseOrder, type ReceivingLine } from './purchase-order.service.js';

export const manifest: ModuleManifest = {
  name: 'planning',
  tables: ['suppliers', 'purchase_orders', 'purchase_order_lines'],
  routes: [supplierRoutes, purchaseOrderRoutes],
  readableBy: {
    // The dashboard's open purchase orders.
    dashboard: ['purchase_orders'],
    // The FSMA 204 spreadsheet and the recall report name the supplier a received lot came
    // from; the report also the purchase order it was received against.
    traceability: ['suppliers', 'purchase_orders'],
  },
};
