import { requireAnyPermission, requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { formatNumber, nextNumber } from '../../platform/db/counters.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError, invalid, notFound, notFoundAt } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { closeNcrRow, insertNcr, selectInspectionExists, selectNcr, selectNcrs, selectNcrSummary, updateNcr as updateNcrRow } from './ncrs.queries.js';
import type { CloseNcrInput, CreateNcrInput, ListNcrsQuery, Ncr, NcrStatus, NcrSummary, UpdateNcrInput } from './ncrs.schema.js';
import { requireLicensePlates, requireProduct, requireSupplier } from './references.service.js';
import { isRecordSigned, signRecord } from './signatures.service.js';

/** The record type NCR signatures name. */
export const NCR_RECORD = 'ncr';

/**
 * Opens an NCR numbered NCR-000001 inside the caller's transaction (an inspection that failed,
 * a CCP reading out of limits, or by hand). Its references must exist; with LPs and no product
 * or lot, the LPs' own are taken when they share one. Numbers come from the organization's
 * NCR counter: in one transaction, number the NCR before emitting events, so that counters are
 * always locked in the same order.
 */
export async function openNcr(tx: Tx, ctx: RequestContext, input: CreateNcrInput): Promise<{ id: string; number: string }> {
  requireAnyPermission(ctx, ['quality', 'production', 'warehouse'], 'write');
  const plates = await requireLicensePlates(ctx, input.licensePlateIds ?? []);
  if (input.productId) await requireProduct(ctx, input.productId);
  if (input.supplierId) await requireSupplier(ctx, input.supplierId);
  if (input.inspectionId && !(await selectInspectionExists(tx, input.inspectionId))) {
    throw notFoundAt('inspectionId', 'inspection');
  }
  const shared = <K extends 'productId' | 'lot'>(key: K) => (new Set(plates.map((lp) => lp[key])).size === 1 ? plates[0]![key] : null);
  const number = formatNumber('NCR-', await nextNumber(tx, ctx.orgId, 'NCR'), 6);
  const id = await insertNcr(tx, ctx.orgId, {
    number,
    title: input.title,
    description: input.description,
    severity: input.severity,
    productId: input.productId ?? shared('productId'),
    lot: input.lot ?? shared('lot'),
    supplierId: input.supplierId ?? null,
    inspectionId: input.inspectionId ?? null,
    licensePlateIds: plates.map((lp) => lp.id),
  });
  return { id, number };
}

/** Raises an NCR by hand. */
export async function createNcr(ctx: RequestContext, input: CreateNcrInput): Promise<Ncr> {
  requirePermission(ctx, 'quality', 'write');
  return withTenant(ctx, async (tx) => (await selectNcr(tx, (await openNcr(tx, ctx, input)).id))!);
}

/** NCRs oldest first (by age), filtered by state, severity, LP or inspection. */
export async function listNcrs(ctx: RequestContext, query: ListNcrsQuery) {
  requirePermission(ctx, 'quality', 'read');
  const after = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => toPage(await selectNcrs(tx, { ...query, after }), query.limit));
}

/** Counts by state and the age of the oldest NCR not closed, for the dashboard. */
export async function summarizeNcrs(ctx: RequestContext): Promise<NcrSummary> {
  requirePermission(ctx, 'quality', 'read');
  return withTenant(ctx, selectNcrSummary);
}

export async function getNcr(ctx: RequestContext, id: string): Promise<Ncr> {
  requirePermission(ctx, 'quality', 'read');
  const ncr = await withTenant(ctx, (tx) => selectNcr(tx, id));
  if (!ncr) throw notFound('NCR');
  return ncr;
}

const steps: NcrStatus[] = ['open', 'investigating', 'action'];

/** An NCR that may still change: not closed, not signed; locked for the rest of the transaction. */
async function requireOpenNcr(tx: Tx, id: string): Promise<Ncr> {
  const ncr = await selectNcr(tx, id, { lock: true });
  if (!ncr) throw notFound('NCR');
  if (ncr.status === 'closed' || (await isRecordSigned(tx, NCR_RECORD, id))) {
    throw new AppError('INVALID_STATE', `NCR ${ncr.number} is closed and signed; it can no longer change`);
  }
  return ncr;
}

/** Edits an NCR and moves it one step on (open → investigating → action); a closed NCR is 409. */
export async function updateNcr(ctx: RequestContext, id: string, input: UpdateNcrInput): Promise<Ncr> {
  requirePermission(ctx, 'quality', 'write');
  return withTenant(ctx, async (tx) => {
    const ncr = await requireOpenNcr(tx, id);
    if (input.status && input.status !== ncr.status && steps.indexOf(input.status) !== steps.indexOf(ncr.status) + 1) {
      throw new AppError('INVALID_STATE', `NCR ${ncr.number} is ${ncr.status}; it cannot move to ${input.status}`, [{ path: 'status', message: `must be the step after ${ncr.status}` }]);
    }
    await updateNcrRow(tx, id, input);
    return (await selectNcr(tx, id))!;
  });
}

/**
 * Closes an NCR with its root cause and corrective action (from the body, or set before by
 * PATCH; 400 naming the one missing), signed by the caller: the signature covers the NCR as
 * closed. A wrong password changes nothing.
 */
export async function closeNcr(ctx: RequestContext, id: string, input: CloseNcrInput): Promise<Ncr> {
  requirePermission(ctx, 'quality', 'write');
  return withTenant(ctx, async (tx) => {
    const ncr = await requireOpenNcr(tx, id);
    const rootCause = input.rootCause ?? ncr.rootCause;
    const correctiveAction = input.correctiveAction ?? ncr.correctiveAction;
    if (!rootCause) throw invalid('rootCause', 'is required to close an NCR');
    if (!correctiveAction) throw invalid('correctiveAction', 'is required to close an NCR');
    await closeNcrRow(tx, id, { rootCause, correctiveAction, closedBy: ctx.userId });
    const closed = (await selectNcr(tx, id))!;
    await signRecord(tx, ctx, { recordType: NCR_RECORD, recordId: id, record: closed, signature: input.signature });
    return closed;
  });
}
