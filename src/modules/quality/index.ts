/** Quality: QA decisions on license plates (hold, release, reject); later inspections and NCRs. */
import type { ModuleManifest } from '../../platform/modules.js';
import { qaStatusRoutes } from './qa-status.routes.js';

export { decideOnLicensePlate } from './qa-status.service.js';

/** Quality owns no table yet: a QA decision is the warehouse's change to the LP. */
export const manifest: ModuleManifest = {
  name: 'quality',
  tables: [],
  routes: [qaStatusRoutes],
};
