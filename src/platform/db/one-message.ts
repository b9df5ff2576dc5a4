import { CasingCache } from 'drizzle-orm/casing';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';

const dialect = new PgDialect();
const casing = new CasingCache();

/**
 * A Drizzle statement as plain text, its parameters written as literals, for the simple query
 * protocol (which takes no parameters). Only text, numbers, booleans and null may be inlined:
 * text through node-postgres's escapeLiteral (quotes doubled, backslashes in an E'' literal), so
 * nothing a caller sends can end the literal; anything else is refused rather than guessed at.
 */
export function inlineStatement(query: SQL): string {
  assertInlinable(dialect.sqlToQuery(query).params);
  return query.toQuery({
    casing,
    escapeName: (name) => dialect.escapeName(name),
    escapeParam: () => {
      throw new Error('a statement sent in one message cannot carry placeholders');
    },
    escapeString: (text) => pg.escapeLiteral(text),
    inlineParams: true,
  }).sql;
}

/** Drizzle hands objects (dates, arrays, JSON) to escapeString as their text: refused here instead. */
function assertInlinable(values: unknown[]): void {
  for (const value of values) {
    if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) continue;
    throw new Error(`a statement sent in one message takes text, numbers, booleans and null only, not ${typeof value}`);
  }
}
