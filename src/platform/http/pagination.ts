import { z } from 'zod';
import { AppError } from './errors.js';

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
};

const uuidList = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(,[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}){0,199}$/i;

/**
 * `?ids=a,b,c`: only these records (up to 200), so that a screen resolves the names of the ids it shows
 * without loading whole lists; an id of another organization is simply not among the answers.
 */
export const idsQuery = {
  ids: z.string().regex(uuidList, 'must be up to 200 comma-separated UUIDs').optional().describe('comma-separated ids: only these records (up to 200)'),
};

/** `?ids=` as a list (null: no such filter). */
export const idsOf = (ids: string | undefined): string[] | null => (ids ? ids.toLowerCase().split(',') : null);

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

// Every list pages by id, so a cursor is a UUID and nothing else (36 dashes once reached the query as a 500).
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cursors are opaque to clients: the last row's sort key, base64url-encoded. */
export function encodeCursor(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const value = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!uuidPattern.test(value)) throw new AppError('VALIDATION', 'cursor is not valid', [{ path: 'cursor', message: 'not a cursor this API issued' }]);
  return value;
}

/** Lists fetch limit + 1 rows ordered by id; the extra row tells whether there is a next page. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]!.id) : null };
}
