import type { FastifyPluginAsync } from 'fastify';
import { dashboardRoutes } from './dashboard/index.js';
import { planningRoutes } from './planning/index.js';
import { productionRoutes } from './production/index.js';
import { qualityRoutes } from './quality/index.js';
import { settingsRoutes } from './settings/index.js';
import { shippingRoutes } from './shipping/index.js';
import { technicalRoutes } from './technical/index.js';
import { traceabilityRoutes } from './traceability/index.js';
import { warehouseRoutes } from './warehouse/index.js';

/** Every module's routes, in the dependency order of DESIGN.md. */
export const moduleRoutes: FastifyPluginAsync[] = [
  ...settingsRoutes,
  ...technicalRoutes,
  ...planningRoutes,
  ...warehouseRoutes,
  ...qualityRoutes,
  ...productionRoutes,
  ...shippingRoutes,
  ...traceabilityRoutes,
  ...dashboardRoutes,
];

export { resolveAccess } from './settings/index.js';
