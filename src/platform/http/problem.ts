import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { redactUrl } from '../log.js';
import { requestTarget } from './api-route.js';
import { AppError, problemOf, translateConnectionError, translateDatabaseError, type FieldError, type ProblemParams } from './errors.js';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string().meta({ description: 'stable snake_case code of the problem (docs/problem-codes.md)' }).optional(),
    params: z.record(z.string(), z.unknown()).meta({ description: 'the values its message names' }).optional(),
    errors: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          code: z.string().optional(),
          params: z.record(z.string(), z.unknown()).optional(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

interface KnownRoute {
  method: string;
  pattern: RegExp;
}

/** '/api/v1/warehouses/:id' → a pattern that matches '/api/v1/warehouses/0193…' (and a trailing slash). */
function routePattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/** Every error leaves as RFC 7807 problem+json; 5xx details are logged, never sent. */
export function registerProblemHandlers(app: FastifyInstance): void {
  // Kept to answer 405 with Allow: Fastify only knows that no route matched the method.
  const known: KnownRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) known.push({ method, pattern: routePattern(route.url) });
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (!appError) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(reply, request, 500, 'Internal server error', 'an unexpected error occurred; it has been logged', 'internal', {});
    }
    for (const [name, value] of Object.entries(appError.headers ?? {})) reply.header(name, value);
    return reply.code(appError.status).type('application/problem+json').send(problemOf(appError, redactUrl(request.url)));
  });

  app.setNotFoundHandler((request, reply) => {
    const { path } = requestTarget(request);
    const allowed = methods.filter((method) => known.some((route) => route.method === method && route.pattern.test(path)));
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(reply, request, 405, 'Method not allowed', `${request.method} is not allowed here; use ${allowed.join(', ')}`, 'method-not-allowed', { method: request.method, allowed: allowed.join(', ') });
    }
    return sendProblem(reply, request, 404, 'Not found', `no route for ${request.method} ${path}`, 'not-found', { method: request.method, path }, 'route_not_found');
  });
}

function sendProblem(reply: FastifyReply, request: FastifyRequest, status: number, title: string, detail: string, type: string, params: ProblemParams, code = type.replaceAll('-', '_')) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: `https://monopilot.dev/problems/${type}`, title, status, detail, instance: redactUrl(request.url), code, params });
}

function toAppError(error: FastifyError): AppError | null {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) return validationError(error.validation, error.validationContext);
  const fromDatabase = translateDatabaseError(error) ?? translateConnectionError(error);
  if (fromDatabase) return fromDatabase;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'the request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', `unsupported content type; send application/json`);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('VALIDATION', `malformed JSON body: ${error.message}`, [{ path: 'body', message: 'malformed JSON' }]);
    case 'FST_ERR_VALIDATION':
      return new AppError('VALIDATION', error.message);
  }
  if (error instanceof SyntaxError) {
    return new AppError('VALIDATION', 'malformed JSON body', [{ path: 'body', message: 'malformed JSON' }]);
  }
  if (error.statusCode === 429) return new AppError('RATE_LIMITED', 'rate limit exceeded; retry later');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('VALIDATION', error.message);
  }
  return null;
}

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown> & { keys?: string[] };
}

/** The parts of a Zod issue a message names (`maximum`, `minimum`, `expected`, `format`, …), as plain values. */
const issueParamNames = ['maximum', 'minimum', 'inclusive', 'exact', 'expected', 'format', 'origin', 'divisor', 'values', 'pattern'] as const;

function issueParams(issue: ValidationIssue): ProblemParams {
  const params: ProblemParams = {};
  for (const name of issueParamNames) {
    const value = issue.params?.[name];
    if (typeof value === 'string' || typeof value === 'boolean') params[name] = value;
    else if (typeof value === 'number' || typeof value === 'bigint') params[name] = Number(value);
    else if (Array.isArray(value)) params[name] = value.map(String).join(', ');
  }
  return params;
}

/** Zod's issue code (`too_big`, `invalid_type`, …); a custom check's own message stays its text under `custom`. */
function validationError(issues: ValidationIssue[], context: string | undefined): AppError {
  const fields: FieldError[] = issues.flatMap((issue) => {
    const base = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    const unknownKeys = issue.keyword === 'unrecognized_keys' ? (issue.params?.keys ?? []) : [];
    if (unknownKeys.length > 0) {
      return unknownKeys.map((key) => ({ path: base ? `${base}.${key}` : key, message: 'unknown field', code: 'unknown_field', params: { field: key } }));
    }
    return [{ path: base || (context ?? 'body'), message: issue.message ?? 'invalid', code: issue.keyword || 'invalid', params: issueParams(issue) }];
  });
  const where = context === 'querystring' ? 'query' : (context ?? 'body');
  const detail = `invalid ${where}: ${fields.map((field) => `${field.path}: ${field.message}`).join('; ')}`;
  return new AppError('VALIDATION', detail, fields);
}
