import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import { queryRow } from '../../platform/db/rows.js';
import { decimal } from '../../platform/http/schemas.js';
import type { Ccp, ListReadingsQuery, Reading } from './ccp.schema.js';
import { haccpCcps, haccpReadings } from './tables.js';

const c = haccpCcps;
const r = haccpReadings;

const ccpFields = { id: c.id, code: c.code, name: c.name, hazard: c.hazard, unit: c.unit, min: c.minValue, max: c.maxValue, locationId: c.locationId, active: c.active, createdAt: c.createdAt };
type CcpRow = Omit<Ccp, 'min' | 'max'> & { min: string | null; max: string | null };
const presentCcp = (row: CcpRow): Ccp => ({ ...row, min: row.min === null ? null : decimal(row.min), max: row.max === null ? null : decimal(row.max), createdAt: toIso(row.createdAt) });

const readingFields = { id: r.id, ccpId: r.ccpId, value: r.value, takenAt: r.takenAt, note: r.note, withinLimits: r.withinLimits, ncrId: r.ncrId, userId: r.userId, createdAt: r.createdAt };
type ReadingRow = Omit<Reading, 'value'> & { value: string };
const presentReading = (row: ReadingRow): Reading => ({ ...row, value: decimal(row.value), takenAt: toIso(row.takenAt), createdAt: toIso(row.createdAt) });

/** Inserts a CCP; null when its code is taken. */
export async function insertCcp(tx: Tx, orgId: string, input: { code: string; name: string; hazard: string; unit: string; min: string | null; max: string | null; locationId: string | null }) {
  const [row] = await tx
    .insert(c)
    .values({ orgId, code: input.code, name: input.name, hazard: input.hazard, unit: input.unit, minValue: input.min, maxValue: input.max, locationId: input.locationId })
    .onConflictDoNothing({ target: [c.orgId, c.code] })
    .returning(ccpFields);
  return row ? presentCcp(row) : null;
}

export async function selectCcps(tx: Tx): Promise<Ccp[]> {
  return (await tx.select(ccpFields).from(c).orderBy(asc(c.code))).map(presentCcp);
}

export async function selectCcp(tx: Tx, id: string): Promise<Ccp | null> {
  const [row] = await tx.select(ccpFields).from(c).where(eq(c.id, id));
  return row ? presentCcp(row) : null;
}

/** Judges a value against a CCP's limits in exact NUMERIC (never a float in JS); null when there is no such CCP. */
export async function judgeAgainstLimits(tx: Tx, ccpId: string, value: string): Promise<{ withinLimits: boolean } | null> {
  return queryRow<{ withinLimits: boolean }>(
    tx,
    sql`select (${c.minValue} is null or ${value}::numeric >= ${c.minValue}) and (${c.maxValue} is null or ${value}::numeric <= ${c.maxValue}) as "withinLimits"
      from ${c} where ${c.id} = ${ccpId}`,
  );
}

export async function insertReading(
  tx: Tx,
  orgId: string,
  input: { ccpId: string; value: string; takenAt: string | null; note: string | null; withinLimits: boolean; ncrId: string | null },
): Promise<Reading> {
  const [row] = await tx
    .insert(r)
    .values({ orgId, ccpId: input.ccpId, value: input.value, takenAt: input.takenAt ?? sql`now()`, note: input.note, withinLimits: input.withinLimits, ncrId: input.ncrId })
    .returning(readingFields);
  return presentReading(row!);
}

/** A CCP's readings in a time window, oldest first. */
export async function selectReadings(tx: Tx, ccpId: string, query: ListReadingsQuery): Promise<Reading[]> {
  const rows = await tx
    .select(readingFields)
    .from(r)
    .where(and(eq(r.ccpId, ccpId), query.from ? gte(r.takenAt, query.from) : undefined, query.to ? lte(r.takenAt, query.to) : undefined))
    .orderBy(asc(r.takenAt), asc(r.id))
    .limit(query.limit);
  return rows.map(presentReading);
}
