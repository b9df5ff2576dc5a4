import { and, count, eq, gt, inArray, min, ne, sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import type { ListNcrsQuery, Ncr, NcrStatus, NcrSummary } from './ncrs.schema.js';
import { inspections, ncrLicensePlates, ncrs } from './tables.js';

const ncrColumns = {
  id: ncrs.id,
  number: ncrs.number,
  title: ncrs.title,
  description: ncrs.description,
  severity: ncrs.severity,
  status: ncrs.status,
  productId: ncrs.productId,
  lot: ncrs.lot,
  supplierId: ncrs.supplierId,
  inspectionId: ncrs.inspectionId,
  rootCause: ncrs.rootCause,
  correctiveAction: ncrs.correctiveAction,
  createdBy: ncrs.createdBy,
  createdAt: ncrs.createdAt,
  updatedAt: ncrs.updatedAt,
  closedAt: ncrs.closedAt,
  closedBy: ncrs.closedBy,
};

type NcrRow = Pick<typeof ncrs.$inferSelect, keyof typeof ncrColumns>;

/** Attaches each NCR's LPs (one query for the whole page) and answers the API's times. */
async function withLicensePlates(tx: Tx, rows: NcrRow[]): Promise<Ncr[]> {
  if (rows.length === 0) return [];
  const links = await tx
    .select({ ncrId: ncrLicensePlates.ncrId, licensePlateId: ncrLicensePlates.licensePlateId })
    .from(ncrLicensePlates)
    .where(inArray(ncrLicensePlates.ncrId, rows.map((row) => row.id)))
    .orderBy(ncrLicensePlates.licensePlateId);
  return rows.map((row) => ({
    ...row,
    licensePlateIds: links.filter((link) => link.ncrId === row.id).map((link) => link.licensePlateId),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    closedAt: toIso(row.closedAt),
  }));
}

export interface NewNcr {
  number: string;
  title: string;
  description: string;
  severity: Ncr['severity'];
  productId: string | null;
  lot: string | null;
  supplierId: string | null;
  inspectionId: string | null;
  licensePlateIds: string[];
}

export async function insertNcr(tx: Tx, orgId: string, ncr: NewNcr): Promise<string> {
  const { licensePlateIds, ...fields } = ncr;
  const [row] = await tx.insert(ncrs).values({ orgId, ...fields }).returning({ id: ncrs.id });
  const unique = [...new Set(licensePlateIds)];
  if (unique.length > 0) await tx.insert(ncrLicensePlates).values(unique.map((licensePlateId) => ({ orgId, ncrId: row!.id, licensePlateId })));
  return row!.id;
}

export async function selectNcr(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<Ncr | null> {
  const query = tx.select(ncrColumns).from(ncrs).where(eq(ncrs.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ? (await withLicensePlates(tx, [row]))[0]! : null;
}

/** NCRs oldest first (ids are time-ordered), filtered by state, severity, LP or inspection. */
export async function selectNcrs(tx: Tx, filter: Omit<ListNcrsQuery, 'cursor'> & { after: string | null }): Promise<Ncr[]> {
  const withPlate = filter.licensePlateId
    ? inArray(ncrs.id, tx.select({ id: ncrLicensePlates.ncrId }).from(ncrLicensePlates).where(eq(ncrLicensePlates.licensePlateId, filter.licensePlateId)))
    : undefined;
  const rows = await tx
    .select(ncrColumns)
    .from(ncrs)
    .where(
      and(
        filter.after === null ? undefined : gt(ncrs.id, filter.after),
        filter.status === undefined ? undefined : eq(ncrs.status, filter.status),
        filter.severity === undefined ? undefined : eq(ncrs.severity, filter.severity),
        filter.inspectionId === undefined ? undefined : eq(ncrs.inspectionId, filter.inspectionId),
        withPlate,
      ),
    )
    .orderBy(ncrs.id)
    .limit(filter.limit + 1);
  return withLicensePlates(tx, rows);
}

export type NcrChange = Partial<Pick<typeof ncrs.$inferInsert, 'status' | 'title' | 'description' | 'severity' | 'rootCause' | 'correctiveAction'>>;

export async function updateNcr(tx: Tx, id: string, change: NcrChange): Promise<void> {
  if (Object.keys(change).length > 0) await tx.update(ncrs).set(change).where(eq(ncrs.id, id));
}

export async function closeNcrRow(tx: Tx, id: string, close: { rootCause: string; correctiveAction: string; closedBy: string }): Promise<void> {
  await tx
    .update(ncrs)
    .set({ ...close, status: 'closed' satisfies NcrStatus, closedAt: sql`now()` })
    .where(and(eq(ncrs.id, id), ne(ncrs.status, 'closed')));
}

/** How many NCRs are in each state, and when the oldest one not closed was opened. */
export async function selectNcrSummary(tx: Tx): Promise<NcrSummary> {
  const counts = await tx.select({ status: ncrs.status, n: count() }).from(ncrs).groupBy(ncrs.status);
  const [oldest] = await tx.select({ at: min(ncrs.createdAt) }).from(ncrs).where(ne(ncrs.status, 'closed'));
  const byStatus = { open: 0, investigating: 0, action: 0, closed: 0 };
  for (const row of counts) byStatus[row.status] = Number(row.n);
  return { byStatus, oldestOpenAt: oldest?.at ? toIso(oldest.at) : null };
}

export async function selectInspectionExists(tx: Tx, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: inspections.id }).from(inspections).where(eq(inspections.id, id));
  return row !== undefined;
}
