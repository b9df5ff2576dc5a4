/**
 * Warehouse: receipts, license plates, the append-only stock ledger, stock and FEFO.
 * Other modules change stock only through the services exported here.
 */
import type { ModuleManifest } from '../../platform/modules.js';
import { licensePlateExpiringJob } from './expiring.job.js';
import { licensePlateRoutes } from './license-plate.routes.js';
import { receiptRoutes } from './receipt.routes.js';
import { stockRoutes } from './stock.routes.js';

export { getLicensePlate, getLicensePlateByNumber, listAvailableLotPlates, listLicensePlatesByIds, requireStockRead } from './license-plate.service.js';
export { registerArrivalInspector, type ArrivalInspector, type ArrivalStage, type ArrivingPlate } from './arrival-inspections.js';
export {
  changeQaStatus,
  consumeFromLicensePlate,
  createOutputLicensePlate,
  recordProductionLinks,
  returnToLicensePlate,
  shipLicensePlates,
  type DrawingWorkOrder,
  type OutputInput,
  type QaAction,
  type ShippedPlate,
} from './inventory.service.js';
export { listReservations, releaseReservations, reserveStock, type Reservation, type ReservationRequest } from './reservation.service.js';
export { pickForHolder, type PickRequest } from './pick-stock.service.js';
export { holdLotLicensePlates, lockLicensePlatesForQa, lotHasLicensePlates, releaseLicensePlatesFromHold, type HeldPlate } from './lot-hold.service.js';
export { listReceiptOrigins } from './receipt.service.js';
export { searchLicensePlates, searchLots } from './search.js';
export { findExpiringLicensePlates } from './expiring.queries.js';
export { assertUsable, organizationToday, todayIn, usabilityProblems, usableLicensePlateSql, type UsabilityFacts } from './usability.js';
export { findPlateLabels, sumUsableStock, type PlateLabel } from './work-order-stock.service.js';
export { licensePlateSchema, lot, reason, type LicensePlate, type QaStatus, type LpStatus } from './license-plate.schema.js';

export const manifest: ModuleManifest = {
  name: 'warehouse',
  tables: ['receipts', 'receipt_lines', 'license_plates', 'stock_moves', 'lp_links', 'lot_links', 'stock_reservations'],
  routes: [licensePlateRoutes, receiptRoutes, stockRoutes],
  jobs: (platform) => [licensePlateExpiringJob(platform)],
  readableBy: {
    // The trace walks the lineage links and reads the LPs, their receipts and their ledger;
    // the recall summary walks the lot lineage.
    traceability: ['license_plates', 'lp_links', 'lot_links', 'receipts', 'stock_moves'],
    // Expiring and held stock, and the LPs today's output made.
    dashboard: ['license_plates'],
  },
};
