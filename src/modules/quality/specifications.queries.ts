import { and, eq, gt, inArray } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import { decimal } from '../../platform/http/schemas.js';
import type { ListSpecificationsQuery, ParameterInput, Specification, Stage } from './specifications.schema.js';
import { inspections, specificationParameters, specifications } from './tables.js';

const headerColumns = {
  id: specifications.id,
  productId: specifications.productId,
  name: specifications.name,
  stage: specifications.stage,
  version: specifications.version,
  status: specifications.status,
  createdAt: specifications.createdAt,
  updatedAt: specifications.updatedAt,
};

type Header = Pick<typeof specifications.$inferSelect, keyof typeof headerColumns>;

const parameterColumns = {
  specificationId: specificationParameters.specificationId,
  code: specificationParameters.code,
  name: specificationParameters.name,
  kind: specificationParameters.kind,
  min: specificationParameters.minValue,
  max: specificationParameters.maxValue,
  unit: specificationParameters.unit,
  expected: specificationParameters.expected,
  required: specificationParameters.required,
};

const limitOf = (value: string | null) => (value === null ? null : decimal(value));

/** Attaches each specification's parameters in their order (one query for the page). */
async function withParameters(tx: Tx, headers: Header[]): Promise<Specification[]> {
  if (headers.length === 0) return [];
  const parameters = await tx
    .select(parameterColumns)
    .from(specificationParameters)
    .where(inArray(specificationParameters.specificationId, headers.map((header) => header.id)))
    .orderBy(specificationParameters.specificationId, specificationParameters.lineNo);
  return headers.map((header) => ({
    ...header,
    createdAt: toIso(header.createdAt),
    updatedAt: toIso(header.updatedAt),
    parameters: parameters
      .filter((parameter) => parameter.specificationId === header.id)
      .map(({ specificationId: _spec, ...parameter }) => ({ ...parameter, min: limitOf(parameter.min), max: limitOf(parameter.max) })),
  }));
}

export async function selectSpecification(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<Specification | null> {
  const query = tx.select(headerColumns).from(specifications).where(eq(specifications.id, id));
  const [header] = options.lock ? await query.for('update') : await query;
  return header ? (await withParameters(tx, [header]))[0]! : null;
}

export async function selectSpecifications(tx: Tx, filter: Omit<ListSpecificationsQuery, 'cursor'> & { after: string | null }): Promise<Specification[]> {
  const headers = await tx
    .select(headerColumns)
    .from(specifications)
    .where(
      and(
        filter.after === null ? undefined : gt(specifications.id, filter.after),
        filter.productId === undefined ? undefined : eq(specifications.productId, filter.productId),
        filter.stage === undefined ? undefined : eq(specifications.stage, filter.stage),
        filter.status === undefined ? undefined : eq(specifications.status, filter.status),
      ),
    )
    .orderBy(specifications.id)
    .limit(filter.limit + 1);
  return withParameters(tx, headers);
}

/** The active specification of each product among productIds at a stage. */
export async function selectActiveSpecifications(tx: Tx, productIds: string[], stage: Stage): Promise<Specification[]> {
  if (productIds.length === 0) return [];
  const headers = await tx
    .select(headerColumns)
    .from(specifications)
    .where(and(inArray(specifications.productId, [...new Set(productIds)]), eq(specifications.stage, stage), eq(specifications.status, 'active')));
  return withParameters(tx, headers);
}

/**
 * Locks the product's specifications at a stage (its active one among them) and answers the
 * next version number: concurrent replacements of one product and stage queue here.
 */
export async function lockVersions(tx: Tx, productId: string, stage: Stage): Promise<{ activeId: string | null; nextVersion: number }> {
  const rows = await tx
    .select({ id: specifications.id, version: specifications.version, status: specifications.status })
    .from(specifications)
    .where(and(eq(specifications.productId, productId), eq(specifications.stage, stage)))
    .for('update');
  return { activeId: rows.find((row) => row.status === 'active')?.id ?? null, nextVersion: Math.max(0, ...rows.map((row) => row.version)) + 1 };
}

export async function supersede(tx: Tx, id: string): Promise<void> {
  await tx.update(specifications).set({ status: 'superseded' }).where(eq(specifications.id, id));
}

export async function insertSpecification(tx: Tx, orgId: string, spec: { productId: string; name: string; stage: Stage; version: number }): Promise<string> {
  const [row] = await tx.insert(specifications).values({ orgId, ...spec }).returning({ id: specifications.id });
  return row!.id;
}

export async function insertParameters(tx: Tx, orgId: string, specificationId: string, parameters: ParameterInput[]): Promise<void> {
  await tx.insert(specificationParameters).values(
    parameters.map((parameter, index) => ({
      orgId,
      specificationId,
      lineNo: index + 1,
      code: parameter.code,
      name: parameter.name,
      kind: parameter.kind,
      minValue: parameter.min === undefined ? null : String(parameter.min),
      maxValue: parameter.max === undefined ? null : String(parameter.max),
      unit: parameter.unit ?? null,
      expected: parameter.kind === 'boolean' ? (parameter.expected ?? true) : null,
      required: parameter.required ?? true,
    })),
  );
}

/** Replaces an unused specification's name and parameters. */
export async function rewriteSpecification(tx: Tx, orgId: string, id: string, change: { name?: string; parameters?: ParameterInput[] }): Promise<void> {
  if (change.name !== undefined) await tx.update(specifications).set({ name: change.name }).where(eq(specifications.id, id));
  if (change.parameters === undefined) return;
  await tx.delete(specificationParameters).where(eq(specificationParameters.specificationId, id));
  await insertParameters(tx, orgId, id, change.parameters);
}

/** The number of the first inspection that used the specification, or null. */
export async function findInspectionUsing(tx: Tx, specificationId: string): Promise<string | null> {
  const [row] = await tx.select({ number: inspections.number }).from(inspections).where(eq(inspections.specificationId, specificationId)).orderBy(inspections.id).limit(1);
  return row?.number ?? null;
}

