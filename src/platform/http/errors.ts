import { findServerError } from '../db/sql-state.js';

/** The few kinds of refusal the API knows, each with one HTTP status. */
export const errorStatus = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  INSUFFICIENT_QUANTITY: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** The values a problem's message names, for a client to put into its own sentence. */
export type ProblemParams = Record<string, unknown>;

/**
 * What a client needs to say a refusal in its user's language: a stable snake_case `code`
 * (docs/problem-codes.md) and the values its message names.
 */
export interface ProblemReason {
  code: string;
  params: ProblemParams;
}

export interface FieldError {
  path: string;
  message: string;
  /** Stable snake_case code of the field's problem (`too_big`, `not_found`, …); problemOf fills a default. */
  code?: string;
  params?: ProblemParams;
}

const titles: Record<ErrorCode, string> = {
  VALIDATION: 'Invalid input',
  UNAUTHENTICATED: 'Unauthenticated',
  FORBIDDEN: 'Forbidden',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
  INVALID_STATE: 'Invalid state',
  INSUFFICIENT_QUANTITY: 'Insufficient quantity',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  RATE_LIMITED: 'Too many requests',
  UNAVAILABLE: 'Service unavailable',
};

/** The code a problem carries when its thrower names none: the kind in snake_case (`not_found`, `invalid_state`). */
export const defaultProblemCode = (kind: ErrorCode): string => kind.toLowerCase();

/**
 * The one error type services throw; the HTTP layer turns it into problem+json. `code` is the
 * kind (one HTTP status each); `reason`, when given, is the specific stable code and params a
 * client translates (`license_plate_not_usable`), else the kind's default code applies.
 */
export class AppError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly fields?: FieldError[],
    readonly headers?: Record<string, string>,
    readonly reason?: ProblemReason,
  ) {
    super(detail);
    this.status = errorStatus[code];
    this.title = titles[code];
  }

  /** The same refusal with a specific code and params (`AppError.coded('CONFLICT', 'duplicate_code', { code }, detail, fields)`). */
  static coded(kind: ErrorCode, code: string, params: ProblemParams, detail: string, fields?: FieldError[], headers?: Record<string, string>): AppError {
    return new AppError(kind, detail, fields, headers, { code, params });
  }
}

/** 'license plate' → 'license_plate': the entity a not_found problem names. */
const entityOf = (what: string) => what.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_');

/** A missing record: code `not_found`, params `{ entity }` (snake_case: `license_plate`, `purchase_order`). */
export const notFound = (what: string, fields?: FieldError[]) => AppError.coded('NOT_FOUND', 'not_found', { entity: entityOf(what) }, `${what} not found`, fields);
/** A missing record named by a field: the problem and the field both say `not_found`. */
export const notFoundAt = (path: string, what: string, detail = `${what} not found`) =>
  AppError.coded('NOT_FOUND', 'not_found', { entity: entityOf(what) }, detail, [{ path, message: `no such ${what}`, code: 'not_found', params: { entity: entityOf(what) } }]);
/** A record that is switched off (`product_inactive` and the like), named by a field. */
export const inactiveAt = (path: string, what: string, code: string) =>
  AppError.coded('INVALID_STATE', 'inactive', { entity: entityOf(what), code }, `${what} ${code} is inactive`, [{ path, message: `${what} is inactive`, code: 'inactive', params: { entity: entityOf(what), code } }]);
/** A code (or name) already taken: code `duplicate_code`, params `{ entity, code }`. */
export const duplicateCode = (what: string, code: string, path = 'code', detail = `a ${what} with code ${code} already exists`) =>
  AppError.coded('CONFLICT', 'duplicate_code', { entity: entityOf(what), code }, detail, [{ path, message: 'already exists', code: 'duplicate_code', params: { entity: entityOf(what), code } }]);
/** A state machine refusing a step: code `invalid_transition`, params `{ entity, number, status, action, allowed }`. */
export const invalidTransition = (what: string, number: string, status: string, action: string, allowed: readonly string[], detail: string, fields?: FieldError[]) =>
  AppError.coded('INVALID_STATE', 'invalid_transition', { entity: entityOf(what), number, status, action, allowed: allowed.join(', ') }, detail, fields);
export const conflict = (detail: string, fields?: FieldError[]) => new AppError('CONFLICT', detail, fields);
export const invalid = (path: string, message: string) => new AppError('VALIDATION', `${path}: ${message}`, [{ path, message }]);

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  params: ProblemParams;
  errors?: Required<FieldError>[];
}

export function problemOf(error: AppError, instance: string): Problem {
  const code = error.reason?.code ?? defaultProblemCode(error.code);
  return {
    type: `https://monopilot.dev/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    instance,
    code,
    params: error.reason?.params ?? {},
    ...(error.fields?.length ? { errors: error.fields.map((field) => fieldProblemOf(field, error)) } : {}),
  };
}

/** A field error keeps its own code; without one it takes the problem's when it is the only one, else the kind's. */
function fieldProblemOf(field: FieldError, error: AppError): Required<FieldError> {
  // Spread: a field error may name more (the CSV import's row and column).
  if (field.code) return { ...field, code: field.code, params: field.params ?? {} };
  const inherits = error.fields!.length === 1 && error.reason;
  return {
    ...field,
    code: inherits ? error.reason!.code : defaultProblemCode(error.code),
    params: field.params ?? (inherits ? error.reason!.params : {}),
  };
}

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  table?: string;
}

/**
 * PostgreSQL's data exceptions (class 22): a value the database cannot take. Schemas catch
 * these first and name the field; this is the net under them, so that a value they let
 * through is still the user's 400, never a 500.
 */
const dataExceptions: Record<string, string> = {
  '22001': 'a value is too long',
  '22003': 'a number is out of range',
  '22007': 'a date or time is not valid',
  '22008': 'a date or time is out of range',
  '22021': 'a text contains a character that cannot be stored',
  '22P02': 'a value is not valid for its type',
  '22P05': 'a text contains a character that cannot be stored',
};

/**
 * Translates what the database refuses into what the user did wrong. Unique and
 * foreign-key violations become 409 and 404, data exceptions 400; anything else is
 * left alone (a 500).
 */
export function translateDatabaseError(error: unknown): AppError | null {
  const pgError = findPgError(error);
  if (!pgError) return null;
  const dataException = dataExceptions[pgError.code!];
  if (dataException) return new AppError('VALIDATION', `${dataException}; check the values sent`);
  switch (pgError.code) {
    case '23505':
      return AppError.coded('CONFLICT', 'already_exists', { key: describeKey(pgError.detail) }, `already exists: ${describeKey(pgError.detail)}`);
    case '23503':
      return new AppError(
        pgError.detail?.includes('is still referenced') ? 'CONFLICT' : 'NOT_FOUND',
        pgError.detail?.includes('is still referenced') ? 'it is still referenced by other records' : `referenced record not found: ${describeKey(pgError.detail)}`,
      );
    case '23514':
      return new AppError('CONFLICT', `refused by rule ${pgError.constraint ?? 'check'}`);
    case '40001':
    case '40P01':
      return AppError.coded('CONFLICT', 'concurrent_change', {}, 'a concurrent change interfered; try again');
    case '42501':
      return new AppError('FORBIDDEN', 'not permitted');
    case 'MP001':
      return unavailable('the organization is being moved to another database; try again in a few seconds', 2);
    case '25006':
      // A write reached a database that takes none just now (a move's freeze, a standby).
      return unavailable('the database takes no changes just now; try again in a few seconds', 2);
    default:
      return isLostServerState(pgError.code!) ? unavailable("the organization's database cannot be reached", 5) : null;
  }
}

/** SQLSTATEs of a server that went away (connection exceptions, shutdowns) rather than refused the work. */
const isLostServerState = (code: string) => code.startsWith('08') || code.startsWith('57P');

/** Whether the database could not be reached at all: a lost or refused connection, or a server going down. */
export function isDatabaseUnreachable(error: unknown): boolean {
  const code = findServerError(error)?.code;
  return translateConnectionError(error) !== null || (code !== undefined && isLostServerState(code));
}

const unavailable = (detail: string, retryAfterSeconds: number) =>
  new AppError('UNAVAILABLE', detail, undefined, { 'retry-after': String(retryAfterSeconds) });

/** Node's own codes for a database server that cannot be reached at all. */
// ENOPRIMARY: no host of a multi-host DATABASE_URL is the primary just now (hosts.ts).
const unreachable = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', 'ENOPRIMARY']);

/** A lost or refused connection to a database, or a pool that gave up waiting for one. */
export function translateConnectionError(error: unknown): AppError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    const isLost = typeof candidate.message === 'string' && /Connection terminated|timeout exceeded when trying to connect|terminating connection|connection error and is not queryable/.test(candidate.message);
    if ((typeof candidate.code === 'string' && unreachable.has(candidate.code)) || isLost) {
      return unavailable("the organization's database cannot be reached", 5);
    }
    current = candidate.cause;
  }
  return null;
}

function findPgError(error: unknown): PgError | null {
  return findServerError<PgError & { code: string }>(error);
}

function describeKey(detail: string | undefined): string {
  const match = detail && /Key \((.+)\)=\((.+)\)/.exec(detail);
  if (!match) return 'duplicate value';
  const columns = match[1]!.split(', ').filter((column) => column !== 'org_id');
  const values = match[2]!.split(', ').slice(-columns.length);
  return columns.map((column, index) => `${column}=${values[index]}`).join(', ');
}
