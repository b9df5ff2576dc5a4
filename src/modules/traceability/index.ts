/**
 * Traceability: backward and forward trace over LP genealogy (production, splits, merges)
 * and lot recall, read-only over the warehouse's and shipping's records.
 */
import type { ModuleManifest } from '../../platform/modules.js';
import { traceRoutes } from './trace.routes.js';

export { recallSummary, traceLicensePlates } from './trace.service.js';

/** Owns no table: it reads what the other manifests declare readableBy traceability. */
export const manifest: ModuleManifest = {
  name: 'traceability',
  tables: [],
  routes: [traceRoutes],
};
