import { sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import type { CreateLocationInput, ListLocationsQuery, Location, UpdateLocationInput } from './location.schema.js';
import { containsPattern } from '../../platform/db/search.js';

const columns = sql`id, warehouse_id, code, name, type, active, created_at, updated_at`;

const toLocation = (row: Record<string, unknown>): Location => ({
  id: row.id as string,
  warehouseId: row.warehouse_id as string,
  code: row.code as string,
  name: row.name as string,
  type: row.type as Location['type'],
  active: row.active as boolean,
  createdAt: toIso(row.created_at as string),
  updatedAt: toIso(row.updated_at as string),
});

export async function selectLocations(tx: Tx, filter: Omit<ListLocationsQuery, 'cursor'> & { after: string | null }) {
  const pattern = containsPattern(filter.search);
  const active = filter.active === undefined ? null : filter.active === 'true';
  const result = await tx.execute(sql`select ${columns} from locations
    where (${filter.after}::uuid is null or id > ${filter.after}::uuid)
      and (${filter.warehouseId ?? null}::uuid is null or warehouse_id = ${filter.warehouseId ?? null}::uuid)
      and (${filter.type ?? null}::text is null or type = ${filter.type ?? null})
      and (${pattern}::text is null or code ilike ${pattern} or name ilike ${pattern})
      and (${active}::boolean is null or active = ${active}::boolean)
    order by id limit ${filter.limit + 1}`);
  return result.rows.map(toLocation);
}

export async function selectLocation(tx: Tx, id: string): Promise<Location | null> {
  const result = await tx.execute(sql`select ${columns} from locations where id = ${id}`);
  return result.rows[0] ? toLocation(result.rows[0]) : null;
}

export async function warehouseExists(tx: Tx, id: string): Promise<boolean> {
  const result = await tx.execute(sql`select 1 from warehouses where id = ${id}`);
  return result.rows.length > 0;
}

/** Inserts a location; null when the code is taken in that warehouse. */
export async function insertLocation(tx: Tx, orgId: string, input: CreateLocationInput): Promise<Location | null> {
  const result = await tx.execute(sql`insert into locations (org_id, warehouse_id, code, name, type)
    values (${orgId}, ${input.warehouseId}, ${input.code}, ${input.name}, ${input.type})
    on conflict (org_id, warehouse_id, code) do nothing returning ${columns}`);
  return result.rows[0] ? toLocation(result.rows[0]) : null;
}

export async function updateLocationRow(tx: Tx, id: string, input: UpdateLocationInput): Promise<Location | null> {
  const result = await tx.execute(sql`update locations set
      name = coalesce(${input.name ?? null}, name),
      type = coalesce(${input.type ?? null}, type),
      active = coalesce(${input.active ?? null}::boolean, active)
    where id = ${id} returning ${columns}`);
  return result.rows[0] ? toLocation(result.rows[0]) : null;
}
