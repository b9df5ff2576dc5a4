import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { withTenant } from '../db/tenancy.js';
import { AppError } from './errors.js';

interface StoredResponse {
  request_hash: string;
  status_code: number | null;
  response: unknown;
}

/**
 * Every authenticated POST honours Idempotency-Key: the key is claimed, the work done
 * and the response stored in one transaction, so a retry replays the first answer and
 * a concurrent duplicate waits for it. A failed attempt stores nothing and may be retried.
 */
export function registerIdempotency(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.method !== 'POST' || route.config?.public) return;
    const handler = route.handler as RouteHandlerMethod;
    route.handler = async function idempotentHandler(this: FastifyInstance, request, reply) {
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || !request.ctx) return handler.call(this, request, reply);
      return runOnce(key, request, reply, () => handler.call(this, request, reply));
    };
  });
}

async function runOnce(key: string, request: FastifyRequest, reply: FastifyReply, run: () => unknown) {
  if (key.length === 0 || key.length > 200) {
    throw new AppError('VALIDATION', 'Idempotency-Key must be 1 to 200 characters', [{ path: 'Idempotency-Key', message: 'invalid length' }]);
  }
  const ctx = request.ctx!;
  const requestHash = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
  return withTenant(ctx, async (tx) => {
    const claimed = await tx.execute(sql`
      insert into idempotency_keys (org_id, key, method, path, request_hash)
      values (${ctx.orgId}, ${key}, ${request.method}, ${request.url}, ${requestHash})
      on conflict (org_id, key) do nothing returning key`);
    if (claimed.rows.length === 0) return replay(tx, ctx.orgId, key, requestHash, reply);
    const body = await run();
    await tx.execute(sql`
      update idempotency_keys set status_code = ${reply.statusCode}, response = ${JSON.stringify(body ?? null)}::jsonb
      where org_id = ${ctx.orgId} and key = ${key}`);
    return body;
  });
}

async function replay(tx: Parameters<Parameters<typeof withTenant>[1]>[0], orgId: string, key: string, requestHash: string, reply: FastifyReply) {
  const rows = await tx.execute(sql`select request_hash, status_code, response from idempotency_keys where org_id = ${orgId} and key = ${key}`);
  const stored = rows.rows[0] as unknown as StoredResponse;
  if (stored.request_hash !== requestHash) {
    throw new AppError('CONFLICT', 'this Idempotency-Key was used with a different request');
  }
  reply.code(stored.status_code ?? 200).header('idempotent-replayed', 'true');
  return stored.response;
}
