import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { nextNumber } from '../../platform/db/counters.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError, notFound, type FieldError } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { selectCyclePath } from './bom-graph.queries.js';
import {
  deleteBomRow,
  insertBom,
  lockBom,
  lockBomActivations,
  markBomActive,
  replaceBomItems,
  selectBom,
  selectBomProductId,
  selectBoms,
  selectMissingProductIds,
  selectOverlappingVersion,
  updateBomRow,
  type BomRecord,
} from './bom.queries.js';
import type { Bom, BomItemInput, CreateBomInput, ListBomsQuery, UpdateBomInput } from './bom.schema.js';
import { selectProduct } from './product.queries.js';
import { invalidateTechnicalReads } from './technical-cache.js';

/** BOMs of the organization, or of one product. */
export async function listBoms(ctx: RequestContext, query: ListBomsQuery) {
  requirePermission(ctx, 'technical', 'read');
  const after = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => {
    if (query.productId && !(await selectProduct(tx, query.productId))) throw notFound('product');
    const records = await selectBoms(tx, { after, limit: query.limit, productId: query.productId });
    return toPage(records.map(presentBom), query.limit);
  });
}

/** One BOM version with its items. */
export async function getBom(ctx: RequestContext, id: string): Promise<Bom> {
  requirePermission(ctx, 'technical', 'read');
  const record = await withTenant(ctx, (tx) => selectBom(tx, id));
  if (!record) throw notFound('BOM');
  return presentBom(record);
}

/** A new draft version of a product's BOM; versions count 1, 2, 3 per product and are never reused. */
export async function createBom(ctx: RequestContext, input: CreateBomInput): Promise<Bom> {
  requirePermission(ctx, 'technical', 'write');
  return withTenant(ctx, async (tx) => {
    // The product row lock serializes versions and date checks of one product's BOMs.
    const product = await selectProduct(tx, input.productId, { lock: true });
    if (!product) throw new AppError('NOT_FOUND', 'product not found', [{ path: 'productId', message: 'product not found' }]);
    requireDateOrder(input.effectiveFrom, input.effectiveTo ?? null);
    await requireValidItems(tx, product.id, input.items);
    const version = await nextNumber(tx, ctx.orgId, `bom-version:${product.id}`);
    const id = await insertBom(tx, ctx.orgId, { ...input, version, effectiveTo: input.effectiveTo ?? null });
    await replaceBomItems(tx, ctx.orgId, id, input.items);
    invalidateTechnicalReads(ctx);
    return presentBom((await selectBom(tx, id))!);
  });
}

/** Changes a draft freely; an active BOM only gets a new end date, which still may not overlap. */
export async function updateBom(ctx: RequestContext, id: string, input: UpdateBomInput): Promise<Bom> {
  requirePermission(ctx, 'technical', 'write');
  return withTenant(ctx, async (tx) => {
    const current = await lockForChange(tx, id);
    if (current.status === 'active') {
      const frozen = (['outputQty', 'effectiveFrom', 'items'] as const).filter((field) => input[field] !== undefined);
      if (frozen.length > 0) {
        throw new AppError(
          'INVALID_STATE',
          `version ${current.version} of ${current.productCode} is active: it can only be end-dated (effectiveTo); make a new version to change ${frozen.join(', ')}`,
          frozen.map((path) => ({ path, message: 'cannot change on an active BOM' })),
        );
      }
      if (input.effectiveTo === undefined) return presentBom(current);
      requireDateOrder(current.effectiveFrom, input.effectiveTo);
      await requireNoOverlap(tx, { ...current, effectiveTo: input.effectiveTo });
    } else {
      requireDateOrder(input.effectiveFrom ?? current.effectiveFrom, input.effectiveTo === undefined ? current.effectiveTo : input.effectiveTo);
      if (input.items) await requireValidItems(tx, current.productId, input.items);
    }
    await updateBomRow(tx, id, input);
    if (input.items) await replaceBomItems(tx, ctx.orgId, id, input.items);
    invalidateTechnicalReads(ctx);
    return presentBom((await selectBom(tx, id))!);
  });
}

/** Deletes a draft; an active BOM stays (end-date it instead). */
export async function deleteBom(ctx: RequestContext, id: string): Promise<void> {
  requirePermission(ctx, 'technical', 'write');
  await withTenant(ctx, async (tx) => {
    const current = await lockForChange(tx, id);
    if (current.status !== 'draft') {
      throw new AppError('INVALID_STATE', `version ${current.version} of ${current.productCode} is active: only drafts can be deleted; end-date it instead`);
    }
    await deleteBomRow(tx, id);
    invalidateTechnicalReads(ctx);
  });
}

/** Puts a draft in force; refused when its dates overlap another active version or the product would contain itself. */
export async function activateBom(ctx: RequestContext, id: string): Promise<Bom> {
  requirePermission(ctx, 'technical', 'write');
  return withTenant(ctx, async (tx) => {
    // One activation at a time per organization, so that two BOMs can't each close half of a cycle.
    await lockBomActivations(tx, ctx.orgId);
    const current = await lockForChange(tx, id);
    if (current.status === 'active') throw new AppError('INVALID_STATE', `version ${current.version} of ${current.productCode} is already active`);
    await requireNoOverlap(tx, current);
    const cycle = await selectCyclePath(tx, current);
    if (cycle) {
      throw new AppError('CONFLICT', `activating version ${current.version} would make ${current.productCode} contain itself: ${cycle.join(' → ')}`);
    }
    await markBomActive(tx, id);
    invalidateTechnicalReads(ctx);
    return presentBom((await selectBom(tx, id))!);
  });
}

/** The BOM with its product locked first, then itself: the same order everywhere, so no deadlocks. */
async function lockForChange(tx: Tx, id: string): Promise<BomRecord> {
  const productId = await selectBomProductId(tx, id);
  if (!productId) throw notFound('BOM');
  await selectProduct(tx, productId, { lock: true });
  await lockBom(tx, id);
  return (await selectBom(tx, id))!;
}

async function requireNoOverlap(tx: Tx, bom: BomRecord): Promise<void> {
  const version = await selectOverlappingVersion(tx, bom);
  if (version !== null) {
    const dates = `${bom.effectiveFrom} to ${bom.effectiveTo ?? 'open end'}`;
    throw new AppError('CONFLICT', `the dates ${dates} overlap active version ${version} of ${bom.productCode}; end-date that version first`);
  }
}

function requireDateOrder(from: string, to: string | null): void {
  if (to !== null && to < from) throw new AppError('VALIDATION', 'effectiveTo: may not be before effectiveFrom', [{ path: 'effectiveTo', message: 'may not be before effectiveFrom' }]);
}

async function requireValidItems(tx: Tx, productId: string, items: BomItemInput[]): Promise<void> {
  const itself: FieldError[] = items.flatMap((item, index) =>
    item.productId === productId ? [{ path: `items.${index}.productId`, message: "cannot be the BOM's own product" }] : [],
  );
  if (itself.length > 0) throw new AppError('VALIDATION', `${itself[0]!.path}: ${itself[0]!.message}`, itself);
  const missing = await selectMissingProductIds(
    tx,
    items.map((item) => item.productId),
  );
  const unknown: FieldError[] = items.flatMap((item, index) => (missing.has(item.productId) ? [{ path: `items.${index}.productId`, message: 'product not found' }] : []));
  if (unknown.length > 0) throw new AppError('NOT_FOUND', `${unknown.map((field) => field.path).join(', ')}: product not found`, unknown);
}

/** The API's view of a BOM: quantities as JSON numbers. */
export function presentBom(record: BomRecord): Bom {
  return {
    ...record,
    outputQty: Number(record.outputQty),
    items: record.items.map((item) => ({
      ...item,
      qty: Number(item.qty),
      scrapPercent: Number(item.scrapPercent),
      grossQty: Number(item.grossQty),
    })),
  };
}
