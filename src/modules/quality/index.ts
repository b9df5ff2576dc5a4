/**
 * Quality: QA decisions on license plates, specifications, inspections that release or hold
 * stock, NCRs, electronic signatures and documents, lot-wide holds and HACCP. LPs and their
 * ledger stay the warehouse's: quality changes them only through the warehouse's services.
 */
import type { ModuleManifest } from '../../platform/modules.js';
import { registerArrivalInspector } from '../warehouse/index.js';
import { ccpRoutes } from './ccp.routes.js';
import { documentRoutes } from './documents.routes.js';
import { holdRoutes } from './hold.routes.js';
import { inspectionRoutes } from './inspections.routes.js';
import { openArrivalInspections, productsToInspect } from './inspections.service.js';
import { ncrRoutes } from './ncrs.routes.js';
import { qaStatusRoutes } from './qa-status.routes.js';
import { signatureRoutes } from './signatures.routes.js';
import { specificationRoutes } from './specifications.routes.js';

// Received and output stock of a product with an active receipt or final specification waits
// (pending) for an inspection, which quality opens in the receipt's or output's transaction.
registerArrivalInspector({ productsToInspect, openInspections: openArrivalInspections });

export { decideOnLicensePlate } from './qa-status.service.js';
export { signatureInput, signatureSchema, type Signature, type SignatureInput } from './signatures.schema.js';
export { isRecordSigned, signRecord, type SignRequest } from './signatures.service.js';
export { openNcr } from './ncrs.service.js';
export { ncrSchema, ncrSeverities, type CreateNcrInput, type Ncr, type NcrSeverity } from './ncrs.schema.js';

export const manifest: ModuleManifest = {
  name: 'quality',
  tables: [
    'specifications',
    'specification_parameters',
    'inspections',
    'inspection_license_plates',
    'inspection_results',
    'ncrs',
    'ncr_license_plates',
    'signatures',
    'documents',
    'holds',
    'hold_license_plates',
    'haccp_ccps',
    'haccp_readings',
  ],
  routes: [qaStatusRoutes, signatureRoutes, ncrRoutes, specificationRoutes, inspectionRoutes, documentRoutes, holdRoutes, ccpRoutes],
};
