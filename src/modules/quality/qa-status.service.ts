import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { changeQaStatus, type LicensePlate, type QaAction } from '../warehouse/index.js';

/**
 * Quality's decisions on an LP: hold (with a reason), release, reject. The LP and its
 * ledger belong to warehouse, so the change goes through warehouse's service.
 */
export async function decideOnLicensePlate(ctx: RequestContext, id: string, action: QaAction, reason?: string): Promise<LicensePlate> {
  requirePermission(ctx, 'quality', 'write');
  return changeQaStatus(ctx, { licensePlateId: id, action, reason });
}
