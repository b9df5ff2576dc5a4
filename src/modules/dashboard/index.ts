/**
 * Dashboard: the organization's live figures (work orders by status, today's output,
 * expiring and held stock, open purchase orders), read-only over the other modules'
 * tables, cached briefly and dropped by every event the organization commits.
 */
import type { FastifyPluginAsync } from 'fastify';
import { dashboardRoutes as dashboardRoute } from './dashboard.routes.js';

export { getDashboard } from './dashboard.service.js';

export const dashboardRoutes: FastifyPluginAsync[] = [dashboardRoute];
