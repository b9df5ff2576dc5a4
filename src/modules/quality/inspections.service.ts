import { requireAnyPermission, requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { formatNumber, nextNumber } from '../../platform/db/counters.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError, invalid, notFound } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { listAvailableLotPlates, type ArrivalStage, type ArrivingPlate } from '../warehouse/index.js';
import { insertInspection, selectInspection, selectInspections, upsertResults, type NewInspection } from './inspections.queries.js';
import type { CreateInspectionInput, Inspection, ListInspectionsQuery, RecordResultsInput } from './inspections.schema.js';
import { judge } from './judge.js';
import { requireProduct } from './references.service.js';
import { isRecordSigned } from './signatures.service.js';
import { selectActiveSpecifications, selectSpecification } from './specifications.queries.js';
import type { Specification, Stage } from './specifications.schema.js';

/** The record type inspection signatures name. */
export const INSPECTION_RECORD = 'inspection';

const nextInspectionNumber = async (tx: Tx, orgId: string) => formatNumber('QI-', await nextNumber(tx, orgId, 'QI'), 6);

/** The warehouse asks (quality/index.ts registers it): which arriving products have an active specification at this stage. */
export async function productsToInspect(ctx: RequestContext, stage: ArrivalStage, productIds: string[]): Promise<Set<string>> {
  requireAnyPermission(ctx, ['warehouse', 'production', 'quality'], 'write');
  const active = await withTenant(ctx, (tx) => selectActiveSpecifications(tx, productIds, stage));
  return new Set(active.map((specification) => specification.productId));
}

/**
 * Opens an inspection (status open) per product and lot of arriving LPs, against the active
 * specification, inside the receipt's or output's transaction. The LPs already start pending.
 */
export async function openArrivalInspections(ctx: RequestContext, stage: ArrivalStage, plates: ArrivingPlate[]): Promise<void> {
  requireAnyPermission(ctx, ['warehouse', 'production', 'quality'], 'write');
  await withTenant(ctx, async (tx) => {
    const specifications = new Map((await selectActiveSpecifications(tx, plates.map((lp) => lp.productId), stage)).map((spec) => [spec.productId, spec]));
    for (const group of groupByLot(plates)) {
      const { productId, lot } = group[0]!;
      const specification = specifications.get(productId);
      if (!specification) continue;
      const inspection: NewInspection = { number: await nextInspectionNumber(tx, ctx.orgId), stage, productId, lot, specificationId: specification.id, origin: stage === 'receipt' ? 'receipt' : 'output' };
      await insertInspection(tx, ctx.orgId, inspection, group.map((lp) => lp.id));
    }
  });
}

/** Plates grouped by product and lot, in the order they came. */
function groupByLot(plates: ArrivingPlate[]): ArrivingPlate[][] {
  const lots = new Map<string, ArrivingPlate[]>();
  for (const lp of plates) {
    const key = `${lp.productId}\u0000${lp.lot}`;
    lots.set(key, [...(lots.get(key) ?? []), lp]);
  }
  return [...lots.values()];
}

/**
 * An inspection by hand of a lot's LPs still in the plant, against the product's active
 * specification at the stage named (without one, the product's only active specification).
 * Their QA status stays as it is until the inspection is decided.
 */
export async function createInspection(ctx: RequestContext, input: CreateInspectionInput): Promise<Inspection> {
  requirePermission(ctx, 'quality', 'write');
  await requireProduct(ctx, input.productId);
  const plates = await listAvailableLotPlates(ctx, input.productId, input.lot);
  if (plates.length === 0) throw new AppError('CONFLICT', `no license plate of lot ${input.lot} of this product is in the plant`, [{ path: 'lot', message: 'has no available license plate' }]);
  return withTenant(ctx, async (tx) => {
    const specification = await activeSpecificationFor(tx, input.productId, input.stage);
    const number = await nextInspectionNumber(tx, ctx.orgId);
    const inspection = { number, stage: specification.stage, productId: input.productId, lot: input.lot, specificationId: specification.id, origin: 'manual' as const };
    return (await selectInspection(tx, await insertInspection(tx, ctx.orgId, inspection, plates.map((lp) => lp.id))))!;
  });
}

async function activeSpecificationFor(tx: Tx, productId: string, stage: Stage | undefined): Promise<Specification> {
  const candidates = (await Promise.all((stage ? [stage] : (['receipt', 'in_process', 'final'] as const)).map((at) => selectActiveSpecifications(tx, [productId], at)))).flat();
  if (candidates.length === 0) throw new AppError('CONFLICT', `the product has no active specification${stage ? ` at stage ${stage}` : ''}`, [{ path: stage ? 'stage' : 'productId', message: 'has no active specification' }]);
  if (candidates.length > 1) throw invalid('stage', 'is required: the product has active specifications at several stages');
  return candidates[0]!;
}

/** Inspections by status, LP, product or lot, oldest first. */
export async function listInspections(ctx: RequestContext, query: ListInspectionsQuery) {
  requirePermission(ctx, 'quality', 'read');
  const after = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => toPage(await selectInspections(tx, { ...query, after }), query.limit));
}

export async function getInspection(ctx: RequestContext, id: string): Promise<Inspection> {
  requirePermission(ctx, 'quality', 'read');
  const inspection = await withTenant(ctx, (tx) => selectInspection(tx, id));
  if (!inspection) throw notFound('inspection');
  return inspection;
}

/** An open, unsigned inspection, locked for the rest of the transaction; a completed one is 409. */
export async function requireOpenInspection(tx: Tx, id: string): Promise<Inspection> {
  const inspection = await selectInspection(tx, id, { lock: true });
  if (!inspection) throw notFound('inspection');
  if (inspection.status !== 'open' || (await isRecordSigned(tx, INSPECTION_RECORD, id))) {
    throw new AppError('INVALID_STATE', `inspection ${inspection.number} is completed and signed; it can no longer change`);
  }
  return inspection;
}

/** Records results of an open inspection, each judged against its parameter's limits (`passed`); entered again, a result is replaced. */
export async function recordResults(ctx: RequestContext, id: string, input: RecordResultsInput): Promise<Inspection> {
  requirePermission(ctx, 'quality', 'write');
  return withTenant(ctx, async (tx) => {
    const inspection = await requireOpenInspection(tx, id);
    const parameters = await specificationParameters(tx, inspection.specificationId);
    const judged = input.results.map((result, index) => {
      const parameter = parameters.get(result.parameterCode);
      if (!parameter) throw invalid(`results.${index}.parameterCode`, 'is not a parameter of the inspection\'s specification');
      return { parameterCode: parameter.code, ...judge(parameter, result.value, `results.${index}.value`) };
    });
    await upsertResults(tx, ctx.orgId, id, judged.map(({ parameterCode, text, passed }) => ({ parameterCode, value: text, passed })));
    return (await selectInspection(tx, id))!;
  });
}

/** The specification's parameters by code. */
export async function specificationParameters(tx: Tx, specificationId: string) {
  const specification = await selectSpecification(tx, specificationId);
  return new Map((specification?.parameters ?? []).map((parameter) => [parameter.code, parameter]));
}
