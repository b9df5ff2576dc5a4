/** A user's search text as an ILIKE "contains" pattern, with % _ and \ taken literally; null for no search. */
export function containsPattern(search: string | undefined): string | null {
  return search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
}
