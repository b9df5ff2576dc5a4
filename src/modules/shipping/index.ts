/** Shipping: customers, and (later) shipments. */
import type { FastifyPluginAsync } from 'fastify';
import { customerRoutes } from './customers.js';

export { customers } from './customers.js';

export const shippingRoutes: FastifyPluginAsync[] = [customerRoutes];
