import { sql, type SQL } from 'drizzle-orm';
import type { RawSession, Row, Tx } from '../db/database.js';
import { queryRows } from '../db/rows.js';

/**
 * A transaction seen as a raw session: SQL text with $1, $2 … parameters, as the catalog
 * helpers (org-tables.ts) take it, run inside the caller's open transaction (a tenant's or the
 * system door's), so that they see the same snapshot as the rest of its work.
 */
export function sessionOfTransaction(tx: Tx): RawSession {
  return {
    query: <T extends Row>(text: string, params: unknown[] = []) => queryRows<T>(tx, withParameters(text, params)),
    exec: async (text) => {
      await tx.execute(sql.raw(text));
    },
  };
}

function withParameters(text: string, params: unknown[]): SQL {
  // split() with a capturing group alternates text and parameter numbers.
  const parts = text.split(/\$(\d+)/);
  // sql.param keeps an array one parameter (a plain ${array} would expand into a list).
  return sql.join(parts.map((part, index) => (index % 2 === 0 ? sql.raw(part) : sql`${sql.param(params[Number(part) - 1])}`)));
}
