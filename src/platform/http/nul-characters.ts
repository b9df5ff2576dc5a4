import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './errors.js';

// PostgreSQL cannot store a NUL character in text (it refuses it with a 500-worthy error
// deep in a query), and no person types one. Every string a request brings (body, query and
// path parameters, object keys included) is checked once, before validation, and a NUL is a
// 400 naming the field: `name`, `lines.0.lot`, `search`, `number`.

const MAX_REPORTED = 20;

/** Refuses a request with a NUL character anywhere in its body, query or path parameters. */
export function registerNulRefusal(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const fields = fieldsWithNul(request);
    if (fields.length > 0) {
      throw new AppError('VALIDATION', `a NUL character is not allowed: ${fields.map((field) => field.path).join(', ')}`, fields);
    }
  });
}

function fieldsWithNul(request: FastifyRequest): FieldError[] {
  const found: string[] = [];
  collect(request.params, '', found);
  collect(request.query, '', found);
  collect(request.body, '', found);
  return found.slice(0, MAX_REPORTED).map((path) => ({ path: path || 'body', message: 'may not contain a NUL character' }));
}

function collect(value: unknown, path: string, found: string[], depth = 0): void {
  if (found.length >= MAX_REPORTED || depth > 32) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path);
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) found.push(childPath);
    collect(child, childPath, found, depth + 1);
  }
}
