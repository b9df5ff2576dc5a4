/** Shipping: customers and shipments (the LPs that left, to whom, when). */
import type { ModuleManifest } from '../../platform/modules.js';
import { customerRoutes } from './customers.js';
import { shipmentRoutes } from './shipment.routes.js';

export { customers } from './customers.js';
export { getShipment, listShipmentDestinations } from './shipment.service.js';

export const manifest: ModuleManifest = {
  name: 'shipping',
  tables: ['customers', 'shipments', 'shipment_lines'],
  routes: [customerRoutes, shipmentRoutes],
  readableBy: {
    // Where the traced and recalled LPs went, and the customers' contacts.
    traceability: ['customers', 'shipments', 'shipment_lines'],
  },
};
