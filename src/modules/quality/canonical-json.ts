import { createHash } from 'node:crypto';

/**
 * A record as one exact text, whatever order its keys were built in: keys sorted at every
 * level, undefined left out (as JSON.stringify does), dates as ISO 8601. What a signature's
 * SHA-256 is taken over, so anyone holding the record can check it again.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sorted(value));
}

function sorted(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sorted(item)));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, item]) => [key, sorted(item)]));
}

/** The hex SHA-256 of a record's canonical JSON. */
export function recordSha256(record: unknown): string {
  return createHash('sha256').update(canonicalJson(record), 'utf8').digest('hex');
}
