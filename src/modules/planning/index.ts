/** Planning: suppliers, and (later) purchase orders. */
import type { FastifyPluginAsync } from 'fastify';
import { supplierRoutes } from './suppliers.js';

export { suppliers } from './suppliers.js';

export const planningRoutes: FastifyPluginAsync[] = [supplierRoutes];
