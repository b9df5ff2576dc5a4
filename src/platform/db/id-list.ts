import { sql, type Column, type SQL } from 'drizzle-orm';

/**
 * `column in (ids)` with the ids sent as one JSON parameter: any number of them (a trace can
 * ask about tens of thousands, past the protocol's 65,535 parameters) in one statement
 * whose text does not change with the count.
 */
export function inIdList(column: Column, ids: string[]): SQL {
  return sql`${column} in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
}
