/** Settings: organizations, users, roles, sign-in, warehouses and the audit trail. */
import type { FastifyPluginAsync } from 'fastify';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.routes.js';
import { roleRoutes, userRoutes } from './users.routes.js';
import { warehouseRoutes } from './warehouses.js';

export { resolveAccess } from './access.js';
export { warehouses } from './warehouses.js';

export const settingsRoutes: FastifyPluginAsync[] = [authRoutes, userRoutes, roleRoutes, warehouseRoutes, auditRoutes];
