/**
 * The SQLSTATE of a database error, however the driver wrapped it (Drizzle wraps a failed query
 * in an error whose cause is the driver's), or null when the error did not come from the server.
 */
export function sqlStateOf(error: unknown): string | null {
  return findServerError(error)?.code ?? null;
}

/** The server's error with its fields (code, constraint, detail, table), wherever it is in the cause chain. */
export function findServerError<T extends { code: string }>(error: unknown): (T & { code: string }) | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate as T & { code: string };
    current = candidate.cause;
  }
  return null;
}
