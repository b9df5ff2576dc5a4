/**
 * Dashboard: the organization's live figures (work orders by status, today's output,
 * expiring and held stock, open purchase orders), read-only over the other modules'
 * tables, cached briefly and dropped by every event the organization commits.
 */
import type { ModuleManifest } from '../../platform/modules.js';
import { dashboardRoutes } from './dashboard.routes.js';

export { getDashboard } from './dashboard.service.js';

/** Owns no table: it reads what the other manifests declare readableBy dashboard. */
export const manifest: ModuleManifest = {
  name: 'dashboard',
  tables: [],
  routes: [dashboardRoutes],
};
