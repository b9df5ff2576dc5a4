import { and, eq, gt, ilike, inArray, or } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import { containsPattern } from '../../platform/db/search.js';
import { idsOf } from '../../platform/http/pagination.js';
import type { CreateLocationInput, ListLocationsQuery, Location, UpdateLocationInput } from './location.schema.js';
import { locations, warehouses } from './tables.js';

const locationFields = {
  id: locations.id,
  warehouseId: locations.warehouseId,
  code: locations.code,
  name: locations.name,
  type: locations.type,
  active: locations.active,
  createdAt: locations.createdAt,
  updatedAt: locations.updatedAt,
};

// The driver hands timestamps back in Postgres's text form; the API answers ISO 8601.
const withIsoTimes = (row: Location): Location => ({ ...row, createdAt: toIso(row.createdAt), updatedAt: toIso(row.updatedAt) });

export async function selectLocations(tx: Tx, filter: Omit<ListLocationsQuery, 'cursor'> & { after: string | null }): Promise<Location[]> {
  const pattern = containsPattern(filter.search);
  const rows = await tx
    .select(locationFields)
    .from(locations)
    .where(
      and(
        filter.after === null ? undefined : gt(locations.id, filter.after),
        filter.warehouseId === undefined ? undefined : eq(locations.warehouseId, filter.warehouseId),
        filter.type === undefined ? undefined : eq(locations.type, filter.type),
        pattern === null ? undefined : or(ilike(locations.code, pattern), ilike(locations.name, pattern)),
        filter.active === undefined ? undefined : eq(locations.active, filter.active === 'true'),
        filter.ids ? inArray(locations.id, idsOf(filter.ids)!) : undefined,
      ),
    )
    .orderBy(locations.id)
    .limit(filter.limit + 1);
  return rows.map(withIsoTimes);
}

export async function selectLocation(tx: Tx, id: string): Promise<Location | null> {
  const [row] = await tx.select(locationFields).from(locations).where(eq(locations.id, id));
  return row ? withIsoTimes(row) : null;
}

export async function warehouseExists(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.select({ id: warehouses.id }).from(warehouses).where(eq(warehouses.id, id));
  return rows.length > 0;
}

/** Inserts a location; null when the code is taken in that warehouse. */
export async function insertLocation(tx: Tx, orgId: string, input: CreateLocationInput): Promise<Location | null> {
  const [row] = await tx
    .insert(locations)
    .values({ orgId, warehouseId: input.warehouseId, code: input.code, name: input.name, type: input.type })
    .onConflictDoNothing({ target: [locations.orgId, locations.warehouseId, locations.code] })
    .returning(locationFields);
  return row ? withIsoTimes(row) : null;
}

/** Changes the fields given; with none given nothing is written and the location is answered as it is. */
export async function updateLocationRow(tx: Tx, id: string, input: UpdateLocationInput): Promise<Location | null> {
  if (input.name === undefined && input.type === undefined && input.active === undefined) return selectLocation(tx, id);
  const [row] = await tx
    .update(locations)
    .set({ name: input.name, type: input.type, active: input.active })
    .where(eq(locations.id, id))
    .returning(locationFields);
  return row ? withIsoTimes(row) : null;
}
