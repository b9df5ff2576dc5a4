/** Shipping: customers and their rules, sales orders, allocation, pick lists, pallets, and shipments (the LPs that left, to whom, when). */
import type { ModuleManifest } from '../../platform/modules.js';
import { customerRoutes } from './customers.js';
import { shipmentRoutes } from './shipment.routes.js';
import { pickListRoutes, salesOrderRoutes } from './sales-order.routes.js';
import { palletRoutes } from './pallet.routes.js';

export { customers } from './customers.js';
export { searchPallets, searchSalesOrders } from './search.js';
export { getShipment, listShipmentDestinations } from './shipment.service.js';

export const manifest: ModuleManifest = {
  name: 'shipping',
  tables: ['customers', 'shipments', 'shipment_lines', 'sales_orders', 'sales_order_lines', 'pick_lists', 'pick_list_lines', 'picks', 'pallets', 'pallet_items'],
  routes: [customerRoutes, shipmentRoutes, salesOrderRoutes, pickListRoutes, palletRoutes],
  readableBy: {
    // Where the traced and recalled LPs went, and the customers' contacts.
    traceability: ['customers', 'shipments', 'shipment_lines'],
  },
};
