/**
 * Production: work orders from planning to close (one state machine), the BOM snapshot
 * taken at release, consumption and its reversal, output, and the genealogy links that
 * tie every output LP to the LPs consumed for it. Stock changes go through the warehouse.
 */
import type { FastifyPluginAsync } from 'fastify';
import { workOrderRoutes } from './work-order.routes.js';

export { getWorkOrder } from './work-order.service.js';
export { workOrderStatuses, type WorkOrderStatus } from './work-order.transitions.js';

export const productionRoutes: FastifyPluginAsync[] = [workOrderRoutes];
