import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { requireProduct } from './references.service.js';
import type { CreateSpecificationInput, ListSpecificationsQuery, Specification, UpdateSpecificationInput } from './specifications.schema.js';
import {
  findInspectionUsing,
  insertParameters,
  insertSpecification,
  lockVersions,
  rewriteSpecification,
  selectSpecification,
  selectSpecifications,
  supersede,
} from './specifications.queries.js';

/**
 * A new specification for a product at a stage, active at once: the one active before for
 * that product and stage is superseded (kept, as every version is), in one transaction.
 */
export async function createSpecification(ctx: RequestContext, input: CreateSpecificationInput): Promise<Specification> {
  requirePermission(ctx, 'quality', 'write');
  await requireProduct(ctx, input.productId);
  return withTenant(ctx, async (tx) => {
    const { activeId, nextVersion } = await lockVersions(tx, input.productId, input.stage);
    if (activeId) await supersede(tx, activeId);
    const id = await insertSpecification(tx, ctx.orgId, { productId: input.productId, name: input.name, stage: input.stage, version: nextVersion });
    await insertParameters(tx, ctx.orgId, id, input.parameters);
    return (await selectSpecification(tx, id))!;
  });
}

/** Specifications by product, stage or status, in creation order. */
export async function listSpecifications(ctx: RequestContext, query: ListSpecificationsQuery) {
  requirePermission(ctx, 'quality', 'read');
  const after = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => toPage(await selectSpecifications(tx, { ...query, after }), query.limit));
}

export async function getSpecification(ctx: RequestContext, id: string): Promise<Specification> {
  requirePermission(ctx, 'quality', 'read');
  const specification = await withTenant(ctx, (tx) => selectSpecification(tx, id));
  if (!specification) throw notFound('specification');
  return specification;
}

/**
 * Corrects an active specification no inspection has used yet. One an inspection used is
 * evidence of what was checked: it cannot change (409), only be replaced by a new version.
 */
export async function updateSpecification(ctx: RequestContext, id: string, input: UpdateSpecificationInput): Promise<Specification> {
  requirePermission(ctx, 'quality', 'write');
  return withTenant(ctx, async (tx) => {
    const specification = await requireChangeable(tx, id);
    await rewriteSpecification(tx, ctx.orgId, specification.id, input);
    return (await selectSpecification(tx, id))!;
  });
}

async function requireChangeable(tx: Tx, id: string): Promise<Specification> {
  const specification = await selectSpecification(tx, id, { lock: true });
  if (!specification) throw notFound('specification');
  if (specification.status !== 'active') throw new AppError('INVALID_STATE', `version ${specification.version} of this specification is superseded; it can no longer change`);
  const usedBy = await findInspectionUsing(tx, id);
  if (usedBy) throw new AppError('CONFLICT', `inspection ${usedBy} used this specification; it cannot change — create a new version instead`);
  return specification;
}
