import { and, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import type { Decision, Inspection, ListInspectionsQuery } from './inspections.schema.js';
import { storedValue } from './judge.js';
import type { Stage } from './specifications.schema.js';
import { inspectionLicensePlates, inspectionResults, inspections, ncrs, specificationParameters } from './tables.js';

const headerColumns = {
  id: inspections.id,
  number: inspections.number,
  stage: inspections.stage,
  productId: inspections.productId,
  lot: inspections.lot,
  specificationId: inspections.specificationId,
  origin: inspections.origin,
  status: inspections.status,
  decision: inspections.decision,
  completedAt: inspections.completedAt,
  completedBy: inspections.completedBy,
  createdAt: inspections.createdAt,
  // Spelled out: inside a one-table select the builder leaves columns unqualified, which the subquery would take as its own.
  ncrId: sql<string | null>`(select n.id from ${ncrs} n where n.org_id = "inspections"."org_id" and n.inspection_id = "inspections"."id" order by n.id limit 1)`,
};

type Header = Omit<Inspection, 'licensePlateIds' | 'results'>;

/** Attaches each inspection's LPs and results (a query each for the whole page). */
async function withDetails(tx: Tx, headers: Header[]): Promise<Inspection[]> {
  if (headers.length === 0) return [];
  const ids = headers.map((header) => header.id);
  const plates = await tx
    .select({ inspectionId: inspectionLicensePlates.inspectionId, licensePlateId: inspectionLicensePlates.licensePlateId })
    .from(inspectionLicensePlates)
    .where(inArray(inspectionLicensePlates.inspectionId, ids))
    .orderBy(inspectionLicensePlates.licensePlateId);
  const results = await tx
    .select({ inspectionId: inspectionResults.inspectionId, parameterCode: inspectionResults.parameterCode, value: inspectionResults.value, passed: inspectionResults.passed, recordedAt: inspectionResults.updatedAt, kind: specificationParameters.kind, lineNo: specificationParameters.lineNo })
    .from(inspectionResults)
    .innerJoin(inspections, eq(inspections.id, inspectionResults.inspectionId))
    .leftJoin(specificationParameters, and(eq(specificationParameters.specificationId, inspections.specificationId), eq(specificationParameters.code, inspectionResults.parameterCode)))
    .where(inArray(inspectionResults.inspectionId, ids))
    .orderBy(inspectionResults.inspectionId, specificationParameters.lineNo);
  return headers.map((header) => ({
    ...header,
    completedAt: toIso(header.completedAt),
    createdAt: toIso(header.createdAt),
    licensePlateIds: plates.filter((plate) => plate.inspectionId === header.id).map((plate) => plate.licensePlateId),
    results: results
      .filter((result) => result.inspectionId === header.id)
      .map((result) => ({ parameterCode: result.parameterCode, value: storedValue(result.kind ?? undefined, result.value), passed: result.passed, recordedAt: toIso(result.recordedAt) })),
  }));
}

export async function selectInspection(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<Inspection | null> {
  const query = tx.select(headerColumns).from(inspections).where(eq(inspections.id, id));
  const [header] = options.lock ? await query.for('update', { of: inspections }) : await query;
  return header ? (await withDetails(tx, [header]))[0]! : null;
}

export async function selectInspections(tx: Tx, filter: Omit<ListInspectionsQuery, 'cursor'> & { after: string | null }): Promise<Inspection[]> {
  const withPlate = filter.licensePlateId
    ? inArray(inspections.id, tx.select({ id: inspectionLicensePlates.inspectionId }).from(inspectionLicensePlates).where(eq(inspectionLicensePlates.licensePlateId, filter.licensePlateId)))
    : undefined;
  const headers = await tx
    .select(headerColumns)
    .from(inspections)
    .where(
      and(
        filter.after === null ? undefined : gt(inspections.id, filter.after),
        filter.status === undefined ? undefined : eq(inspections.status, filter.status),
        filter.productId === undefined ? undefined : eq(inspections.productId, filter.productId),
        filter.lot === undefined ? undefined : eq(inspections.lot, filter.lot),
        withPlate,
      ),
    )
    .orderBy(inspections.id)
    .limit(filter.limit + 1);
  return withDetails(tx, headers);
}

export interface NewInspection {
  number: string;
  stage: Stage;
  productId: string;
  lot: string;
  specificationId: string;
  origin: Inspection['origin'];
}

export async function insertInspection(tx: Tx, orgId: string, inspection: NewInspection, licensePlateIds: string[]): Promise<string> {
  const [row] = await tx.insert(inspections).values({ orgId, ...inspection }).returning({ id: inspections.id });
  await addInspectionPlates(tx, orgId, row!.id, licensePlateIds);
  return row!.id;
}

export async function addInspectionPlates(tx: Tx, orgId: string, inspectionId: string, licensePlateIds: string[]): Promise<void> {
  if (licensePlateIds.length === 0) return;
  await tx
    .insert(inspectionLicensePlates)
    .values([...new Set(licensePlateIds)].map((licensePlateId) => ({ orgId, inspectionId, licensePlateId })))
    .onConflictDoNothing();
}

/** Records results; a parameter's result entered again replaces the earlier one (the audit trail keeps it). */
export async function upsertResults(tx: Tx, orgId: string, inspectionId: string, results: { parameterCode: string; value: string; passed: boolean }[]): Promise<void> {
  await tx
    .insert(inspectionResults)
    .values(results.map((result) => ({ orgId, inspectionId, ...result })))
    .onConflictDoUpdate({
      target: [inspectionResults.orgId, inspectionResults.inspectionId, inspectionResults.parameterCode],
      set: { value: sql`excluded.value`, passed: sql`excluded.passed` },
    });
}

export async function markCompleted(tx: Tx, id: string, decision: Decision, userId: string): Promise<void> {
  await tx.update(inspections).set({ status: 'completed', decision, completedAt: sql`now()`, completedBy: userId }).where(and(eq(inspections.id, id), eq(inspections.status, 'open')));
}

/** Those of the LPs that another open inspection is to decide (a second delivery of the same lot). */
export async function selectPlatesOfOtherOpenInspections(tx: Tx, inspectionId: string, licensePlateIds: string[]): Promise<Set<string>> {
  if (licensePlateIds.length === 0) return new Set();
  const rows = await tx
    .select({ licensePlateId: inspectionLicensePlates.licensePlateId })
    .from(inspectionLicensePlates)
    .innerJoin(inspections, and(eq(inspections.orgId, inspectionLicensePlates.orgId), eq(inspections.id, inspectionLicensePlates.inspectionId)))
    .where(and(inArray(inspectionLicensePlates.licensePlateId, licensePlateIds), ne(inspections.id, inspectionId), eq(inspections.status, 'open')));
  return new Set(rows.map((row) => row.licensePlateId));
}
