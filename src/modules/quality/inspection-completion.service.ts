import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError } from '../../platform/http/errors.js';
import { changeQaStatus, listAvailableLotPlates, listLicensePlatesByIds, listReceiptOrigins, type LicensePlate } from '../warehouse/index.js';
import { addInspectionPlates, markCompleted, selectInspection, selectPlatesOfOtherOpenInspections } from './inspections.queries.js';
import type { CompleteInspectionInput, Decision, Inspection } from './inspections.schema.js';
import { INSPECTION_RECORD, requireOpenInspection, specificationParameters } from './inspections.service.js';
import { openNcr } from './ncrs.service.js';
import { signRecord } from './signatures.service.js';
import type { Parameter } from './specifications.schema.js';

/**
 * Completes an inspection, signed by the caller, in one transaction: every required parameter
 * must have a result (409 naming those without). All passed → decision passed and the LPs
 * waiting on it (pending) are released; any failed → decision failed, an NCR is opened for
 * the LPs and they are put on hold. The LPs decided are the inspection's still in the plant
 * and any pending LP of the same lot split off since. A wrong password changes nothing.
 */
export async function completeInspection(ctx: RequestContext, id: string, input: CompleteInspectionInput): Promise<Inspection> {
  requirePermission(ctx, 'quality', 'write');
  return withTenant(ctx, async (tx) => {
    const inspection = await requireOpenInspection(tx, id);
    const parameters = await specificationParameters(tx, inspection.specificationId);
    const unanswered = [...parameters.values()].filter((parameter) => parameter.required && !inspection.results.some((result) => result.parameterCode === parameter.code));
    if (unanswered.length > 0) {
      throw new AppError('CONFLICT', `required parameters without a result: ${unanswered.map((parameter) => parameter.code).join(', ')}`, unanswered.map((parameter) => ({ path: 'results', message: `${parameter.code} has no result` })));
    }
    const decision: Decision = inspection.results.every((result) => result.passed) ? 'passed' : 'failed';
    const plates = await platesToDecide(tx, ctx, inspection);
    await addInspectionPlates(tx, ctx.orgId, id, plates.map((lp) => lp.id));
    // The NCR is numbered before the QA changes emit their events (counters in one order).
    const ncr = decision === 'failed' ? await openFailureNcr(tx, ctx, inspection, parameters, plates) : null;
    await applyDecision(ctx, decision, plates, ncr ? `inspection ${inspection.number} failed (${ncr.number})` : `inspection ${inspection.number} passed`);
    await markCompleted(tx, id, decision, ctx.userId);
    const completed = (await selectInspection(tx, id))!;
    await signRecord(tx, ctx, { recordType: INSPECTION_RECORD, recordId: id, record: completed, signature: input.signature });
    return completed;
  });
}

/**
 * The inspection's LPs still in the plant, and pending LPs of its lot split off since (pending LPs
 * of the lot that another open inspection is to decide, a second delivery, are left to it); in id
 * order (the lock order).
 */
async function platesToDecide(tx: Tx, ctx: RequestContext, inspection: Inspection): Promise<LicensePlate[]> {
  const own = await listLicensePlatesByIds(ctx, inspection.licensePlateIds);
  const pending = (await listAvailableLotPlates(ctx, inspection.productId, inspection.lot)).filter((lp) => lp.qaStatus === 'pending' && !inspection.licensePlateIds.includes(lp.id));
  const theirs = await selectPlatesOfOtherOpenInspections(tx, inspection.id, pending.map((lp) => lp.id));
  const splitOff = pending.filter((lp) => !theirs.has(lp.id));
  const plates = new Map([...own, ...splitOff].filter((lp) => lp.status === 'available').map((lp) => [lp.id, lp]));
  return [...plates.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Passed releases what waited (pending); failed holds what was usable or waiting. Held and rejected LPs stay as they are. */
async function applyDecision(ctx: RequestContext, decision: Decision, plates: LicensePlate[], reason: string): Promise<void> {
  for (const lp of plates) {
    if (decision === 'passed' && lp.qaStatus === 'pending') await changeQaStatus(ctx, { licensePlateId: lp.id, action: 'release', reason });
    if (decision === 'failed' && (lp.qaStatus === 'pending' || lp.qaStatus === 'released')) await changeQaStatus(ctx, { licensePlateId: lp.id, action: 'hold', reason });
  }
}

async function openFailureNcr(tx: Tx, ctx: RequestContext, inspection: Inspection, parameters: Map<string, Parameter>, plates: LicensePlate[]) {
  const failures = inspection.results.filter((result) => !result.passed).map((result) => describeFailure(parameters.get(result.parameterCode), result.parameterCode, result.value));
  const [origin] = inspection.origin === 'receipt' ? await listReceiptOrigins(ctx, plates.map((lp) => lp.id)) : [];
  return openNcr(tx, ctx, {
    title: `Inspection ${inspection.number} failed`,
    description: `Lot ${inspection.lot} failed its ${inspection.stage.replace('_', '-')} inspection: ${failures.join('; ')}.`,
    severity: 'major',
    productId: inspection.productId,
    lot: inspection.lot,
    licensePlateIds: plates.map((lp) => lp.id),
    supplierId: origin?.supplierId ?? undefined,
    inspectionId: inspection.id,
  });
}

function describeFailure(parameter: Parameter | undefined, code: string, value: unknown): string {
  if (!parameter) return `${code} = ${String(value)}`;
  const unit = parameter.unit ? ` ${parameter.unit}` : '';
  if (parameter.kind === 'boolean') return `${parameter.name}: ${value ? 'yes' : 'no'} (expected ${parameter.expected === false ? 'no' : 'yes'})`;
  const limits = [parameter.min !== null ? `min ${parameter.min}${unit}` : null, parameter.max !== null ? `max ${parameter.max}${unit}` : null].filter(Boolean).join(', ');
  return `${parameter.name} ${String(value)}${unit} (${limits})`;
}
