/** Shipping: customers and shipments (the LPs that left, to whom, when). */
import type { FastifyPluginAsync } from 'fastify';
import { customerRoutes } from './customers.js';
import { shipmentRoutes } from './shipment.routes.js';

export { customers } from './customers.js';
export { getShipment, listShipmentDestinations } from './shipment.service.js';

export const shippingRoutes: FastifyPluginAsync[] = [customerRoutes, shipmentRoutes];
