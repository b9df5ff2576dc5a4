import type { SQL } from 'drizzle-orm';
import type { Tx } from './database.js';

/**
 * The rows of a raw SQL statement (for SQL that reads better than the query builder: recursive
 * traces, locks with arithmetic). Name the row type from the table definitions
 * (`Pick<typeof licensePlates.$inferSelect, 'id' | 'qty'>`) and write the columns as
 * `${licensePlates.qty}` aliased to their camelCase key, so that a renamed column fails the
 * typecheck instead of answering undefined. The one place that knows the driver's result shape.
 */
export async function queryRows<T extends Record<string, unknown>>(tx: Tx, query: SQL): Promise<T[]> {
  // The driver cannot know what the SQL selects: this is the one cast, and the caller's type names it.
  return (await tx.execute(query)).rows as T[];
}

/** The first row of a raw SQL statement, or null when it answers none. */
export async function queryRow<T extends Record<string, unknown>>(tx: Tx, query: SQL): Promise<T | null> {
  return (await queryRows<T>(tx, query))[0] ?? null;
}
