/**
 * Search: one box for any code (LP, lot, product, work, purchase or sales order, SSCC). It owns
 * no table: each kind is searched by the module that owns it, through that module's index.ts.
 */
import type { ModuleManifest } from '../../platform/modules.js';
import { searchRoutes } from './search.routes.js';

export { searchEverything } from './search.service.js';

export const manifest: ModuleManifest = {
  name: 'search',
  tables: [],
  routes: [searchRoutes],
};
