import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { locations } from './tables.js';

// The read contract for other modules' lists: a location's code beside a row that names the location,
// fetched in the same query (RLS keeps it in the caller's organization).

/** A location's code, for a select list: `locationCode: locationCodeOf(table.locationId)`. */
export const locationCodeOf = (locationId: AnyPgColumn): SQL<string> => sql<string>`(select ${locations.code} from ${locations} where ${locations.id} = ${locationId})`;
