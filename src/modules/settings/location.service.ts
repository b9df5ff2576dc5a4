import { requireAnyPermission, requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { duplicateCode, notFound, notFoundAt } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { insertLocation, selectLocation, selectLocations, updateLocationRow, warehouseExists } from './location.queries.js';
import type { CreateLocationInput, ListLocationsQuery, UpdateLocationInput } from './location.schema.js';

// Whoever moves stock needs to see where it can go, even without rights on settings.
const readers = ['settings', 'warehouse', 'production', 'shipping', 'quality'] as const;

function requireLocationRead(ctx: RequestContext): void {
  requireAnyPermission(ctx, readers, 'read');
}

/** Locations, filtered by warehouse, type, code or name. */
export async function listLocations(ctx: RequestContext, query: ListLocationsQuery) {
  requireLocationRead(ctx);
  const after = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => toPage(await selectLocations(tx, { ...query, after }), query.limit));
}

/** One location; another organization's id is simply not found. */
export async function getLocation(ctx: RequestContext, id: string) {
  requireLocationRead(ctx);
  const location = await withTenant(ctx, (tx) => selectLocation(tx, id));
  if (!location) throw notFound('location');
  return location;
}

/** A new location in one of the organization's warehouses; codes are unique per warehouse. */
export async function createLocation(ctx: RequestContext, input: CreateLocationInput) {
  requirePermission(ctx, 'settings', 'write');
  return withTenant(ctx, async (tx) => {
    if (!(await warehouseExists(tx, input.warehouseId))) {
      throw notFoundAt('warehouseId', 'warehouse');
    }
    const location = await insertLocation(tx, ctx.orgId, input);
    if (!location) {
      throw duplicateCode('location', input.code, 'code', `a location with code ${input.code} already exists in this warehouse`);
    }
    return location;
  });
}

/** Renames, retypes or (de)activates a location; its warehouse and code stay. */
export async function updateLocation(ctx: RequestContext, id: string, input: UpdateLocationInput) {
  requirePermission(ctx, 'settings', 'write');
  const location = await withTenant(ctx, (tx) => updateLocationRow(tx, id, input));
  if (!location) throw notFound('location');
  return location;
}
