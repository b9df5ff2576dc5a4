import { requireAnyPermission, requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { toDecimalText } from '../../platform/decimal.js';
import { emitEvent } from '../../platform/events/index.js';
import { AppError, duplicateCode, notFound, notFoundAt } from '../../platform/http/errors.js';
import { getLocation } from '../settings/index.js';
import type { Ccp, CreateCcpInput, CreateReadingInput, ListReadingsQuery, Reading } from './ccp.schema.js';
import { insertCcp, insertReading, judgeAgainstLimits, selectCcp, selectCcps, selectReadings } from './ccp.queries.js';
import { openNcr } from './ncrs.service.js';

// HACCP: critical control points and their readings. Quality defines the points; readings are
// taken on the floor (quality or production write). Records are never changed or deleted.

const requireReadingsRead = (ctx: RequestContext) => requireAnyPermission(ctx, ['quality', 'production'], 'read');

/** A critical control point with its critical limits (at least one of min and max). */
export async function createCcp(ctx: RequestContext, input: CreateCcpInput): Promise<Ccp> {
  requirePermission(ctx, 'quality', 'write');
  if (input.locationId) {
    await getLocation(ctx, input.locationId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFoundAt('locationId', 'location');
      throw error;
    });
  }
  const limit = (value: number | undefined) => (value === undefined ? null : toDecimalText(value));
  return withTenant(ctx, async (tx) => {
    const ccp = await insertCcp(tx, ctx.orgId, { ...input, min: limit(input.min), max: limit(input.max), locationId: input.locationId ?? null });
    if (!ccp) throw duplicateCode('critical control point', input.code);
    return ccp;
  });
}

export async function listCcps(ctx: RequestContext): Promise<{ items: Ccp[]; nextCursor: null }> {
  requireReadingsRead(ctx);
  return withTenant(ctx, async (tx) => ({ items: await selectCcps(tx), nextCursor: null }));
}

export async function getCcp(ctx: RequestContext, id: string): Promise<Ccp> {
  requireReadingsRead(ctx);
  const ccp = await withTenant(ctx, (tx) => selectCcp(tx, id));
  if (!ccp) throw notFound('critical control point');
  return ccp;
}

/** The deviation NCR of a reading outside the limits, opened in the reading's transaction. */
async function openDeviation(tx: Tx, ctx: RequestContext, ccp: Ccp, value: string, input: CreateReadingInput) {
  const limits = [ccp.min === null ? null : `min ${ccp.min}`, ccp.max === null ? null : `max ${ccp.max}`].filter(Boolean).join(', ');
  return openNcr(tx, ctx, {
    title: `CCP ${ccp.code} deviation: ${value} ${ccp.unit}`,
    description: `${ccp.name} (${ccp.hazard}) read ${value} ${ccp.unit}${input.takenAt ? ` at ${input.takenAt}` : ''}, outside its critical limits (${limits}).${input.note ? ` Note: ${input.note}` : ''}`,
    severity: 'major',
  });
}

/**
 * Records a reading, judged against the CCP's limits in exact decimals. One outside them opens
 * a deviation NCR and emits ccp.deviation, all in the reading's transaction.
 */
export async function recordReading(ctx: RequestContext, ccpId: string, input: CreateReadingInput): Promise<Reading> {
  requireAnyPermission(ctx, ['quality', 'production'], 'write');
  const value = toDecimalText(input.value);
  return withTenant(ctx, async (tx) => {
    const judged = await judgeAgainstLimits(tx, ccpId, value);
    const ccp = judged && (await selectCcp(tx, ccpId));
    if (!ccp) throw notFound('critical control point');
    const ncr = judged.withinLimits ? null : await openDeviation(tx, ctx, ccp, value, input);
    const reading = await insertReading(tx, ctx.orgId, { ccpId, value, takenAt: input.takenAt ?? null, note: input.note ?? null, withinLimits: judged.withinLimits, ncrId: ncr?.id ?? null });
    if (ncr) {
      await emitEvent(tx, ctx, {
        type: 'ccp.deviation',
        subjectId: reading.id,
        payload: { id: reading.id, ccpId, code: ccp.code, value: reading.value, min: ccp.min, max: ccp.max, ncrId: ncr.id, ncrNumber: ncr.number, takenAt: reading.takenAt },
      });
    }
    return reading;
  });
}

/** A CCP's readings between from and to (ISO timestamps), oldest first. */
export async function listReadings(ctx: RequestContext, ccpId: string, query: ListReadingsQuery): Promise<{ items: Reading[]; nextCursor: null }> {
  requireReadingsRead(ctx);
  return withTenant(ctx, async (tx) => {
    if (!(await selectCcp(tx, ccpId))) throw notFound('critical control point');
    return { items: await selectReadings(tx, ccpId, query), nextCursor: null };
  });
}
