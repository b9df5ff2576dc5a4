/**
 * Traceability: backward and forward trace over LP genealogy (production, splits, merges),
 * lot recall, the FSMA 204 spreadsheet and a lot's mass balance, read-only over the
 * warehouse's, production's, planning's and shipping's records.
 */
import type { ModuleManifest } from '../../platform/modules.js';
import { lotReportRoutes } from './lot-reports.routes.js';
import { traceRoutes } from './trace.routes.js';

export { recallSummary, traceLicensePlates } from './trace.service.js';
export { fsma204Csv } from './fsma204.service.js';
export { massBalance } from './mass-balance.service.js';

/** Owns no table: it reads what the other manifests declare readableBy traceability. */
export const manifest: ModuleManifest = {
  name: 'traceability',
  tables: [],
  routes: [traceRoutes, lotReportRoutes],
};
