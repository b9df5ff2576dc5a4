import pino, { type DestinationStream, type Logger } from 'pino';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

// The server's one logger. Nothing that grants access may reach a log line: tokens (in headers,
// cookies or a URL), passwords and secrets are censored wherever a log call puts them, and a
// failed query's parameters (the values of an INSERT: a webhook secret, a password hash) are
// dropped from logged errors.

const CENSORED = '[redacted]';

/** Field names whose values are credentials, wherever they appear in a logged object. */
const credentialFields = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'password_hash',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'authorization',
  'cookie',
  'set-cookie',
];

/** Query parameters whose values are credentials (the event stream's ?access_token= above all). */
const credentialParams = new Set(['access_token', 'token', 'refreshtoken', 'refresh_token', 'password', 'secret']);

// pino's redact takes explicit paths; four levels cover what the server logs (e.g. req.headers.authorization, err.body.secret).
const redactPaths = credentialFields.flatMap((field) => {
  const key = `["${field}"]`;
  return [key, `*${key}`, `*.*${key}`, `*.*.*${key}`];
});

/** A URL with the values of credential query parameters replaced. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return url;
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=')[0]!;
      return credentialParams.has(decodeName(name).toLowerCase()) ? `${name}=${CENSORED}` : pair;
    })
    .join('&');
  return `${url.slice(0, queryAt)}?${query}`;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll('+', ' '));
  } catch {
    return name;
  }
}

/** What a request log line says of the request: never its headers, and its URL redacted. */
function serializeRequest(request: FastifyRequest) {
  // Anything else logged under `req` is left to redaction.
  if (typeof request?.url !== 'string') return request;
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

interface QueryError {
  params?: unknown;
  message?: string;
  stack?: string;
}

/**
 * pino's error serializer, minus a failed query's parameters: Drizzle puts them in the message
 * ("Failed query: ... params: ...") and on the error, PGlite on its own error. The SQL text stays
 * (its values are placeholders), and so do the database's code, constraint and table.
 */
export function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown;
  if (!serialized || typeof serialized !== 'object') return serialized;
  const result = serialized as Record<string, unknown>;
  for (const source of errorChain(error)) {
    if (source.params === undefined) continue;
    const paramsLine = `\nparams: ${String(source.params)}`;
    for (const field of ['message', 'stack'] as const) {
      if (typeof result[field] === 'string') result[field] = (result[field] as string).replaceAll(paramsLine, '');
    }
  }
  for (const key of ['params', 'parameters', 'detail', 'queryParams']) delete result[key];
  return result;
}

function errorChain(error: unknown): QueryError[] {
  const chain: QueryError[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    chain.push(current as QueryError);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

const requestIdentity = Symbol('monopilot.requestIdentity');

interface IdentifiedLogger {
  [requestIdentity]?: { orgId: string; userId: string };
}

/**
 * Names the organization and user on every line a request's logger writes from now on (the
 * request's own logger, which Fastify makes per request). A child logger would do the same at the
 * price of a pass of its bindings through redaction on every request, logged or not.
 */
export function identifyRequestLogger(logger: FastifyRequest['log'], identity: { orgId: string; userId: string }): void {
  (logger as IdentifiedLogger)[requestIdentity] = identity;
}

/** The server's logger (JSON lines on stdout unless a destination is given, as tests do to read them). */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.LOG_LEVEL,
      base: { service: 'monopilot' },
      redact: { paths: redactPaths, censor: CENSORED },
      serializers: { req: serializeRequest, err: serializeError },
      // pino merges the line's own fields over this fresh object.
      mixin: (_line, _level, logger) => {
        const identity = (logger as IdentifiedLogger)[requestIdentity];
        return identity ? { orgId: identity.orgId, userId: identity.userId } : {};
      },
    },
    destination,
  );
}
