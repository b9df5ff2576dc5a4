/** Planning: suppliers and purchase orders (receiving against an order is warehouse's call into this module). */
import type { FastifyPluginAsync } from 'fastify';
import { purchaseOrderRoutes } from './purchase-order.routes.js';
import { supplierRoutes } from './suppliers.js';

export { suppliers } from './suppliers.js';
export { announcePurchaseOrderReceived, getPurchaseOrder, receiveAgainstPurchaseOrder, type ReceivingLine } from './purchase-order.service.js';

export const planningRoutes: FastifyPluginAsync[] = [supplierRoutes, purchaseOrderRoutes];
