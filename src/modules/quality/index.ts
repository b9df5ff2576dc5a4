/** Quality: QA decisions on license plates, lot-wide holds, HACCP; the warehouse changes the LPs. */
import type { ModuleManifest } from '../../platform/modules.js';
import { ccpRoutes } from './ccp.routes.js';
import { holdRoutes } from './hold.routes.js';
import { qaStatusRoutes } from './qa-status.routes.js';

export { decideOnLicensePlate } from './qa-status.service.js';
export { signatureInput, signRecord } from './signature-input.js';

export const manifest: ModuleManifest = {
  name: 'quality',
  tables: ['holds', 'hold_license_plates', 'haccp_ccps', 'haccp_readings'],
  routes: [qaStatusRoutes, holdRoutes, ccpRoutes],
};
