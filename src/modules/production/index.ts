/**
 * Production: work orders from planning to close (one state machine), the BOM snapshot
 * taken at release, consumption and its reversal, output, and the genealogy links that
 * tie every output LP to the LPs consumed for it, and allergen changeovers of lines. Stock changes go through the warehouse.
 */
import type { ModuleManifest } from '../../platform/modules.js';
import { changeoverRoutes } from './changeover.routes.js';
import { workOrderRoutes } from './work-order.routes.js';

export { getWorkOrder } from './work-order.service.js';
export { searchWorkOrders } from './work-order-search.js';
export { workOrderStatuses, type WorkOrderStatus } from './work-order.transitions.js';

export const manifest: ModuleManifest = {
  name: 'production',
  tables: ['work_orders', 'work_order_materials', 'work_order_consumptions', 'work_order_outputs', 'work_order_transitions', 'line_changeovers'],
  routes: [workOrderRoutes, changeoverRoutes],
  readableBy: {
    // Work orders by status and today's output.
    dashboard: ['work_orders', 'work_order_outputs'],
    // The FSMA 204 spreadsheet's transformations name their work orders.
    traceability: ['work_orders'],
  },
};
