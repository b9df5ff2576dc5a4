import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { RequestContext } from '../context.js';
import type { Tx } from '../db/database.js';
import { idempotencyKeys } from '../db/tables.js';
import { withTenant } from '../db/tenancy.js';
import { requestTarget } from './api-route.js';
import { AppError } from './errors.js';

type StoredResponse = Pick<typeof idempotencyKeys.$inferSelect, 'requestHash' | 'statusCode' | 'response'>;

/**
 * Every authenticated POST honours Idempotency-Key: the key is claimed, the work done
 * and the response stored in one transaction, so a retry replays the first answer and
 * a concurrent duplicate waits for it. A failed attempt stores nothing and may be retried.
 * A key is its user's own; a replay is answered only once the handler's own checks pass again.
 */
declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the route ignores Idempotency-Key (it must not run inside the key's transaction). */
    idempotent?: boolean;
    /** The answer carries a secret (a new webhook's): its stored replay is sealed with MASTER_KEY. */
    sealsReplay?: boolean;
  }
}

export function registerIdempotency(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.method !== 'POST' || route.config?.public || route.config?.idempotent === false) return;
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
  const { path, query } = requestTarget(request);
  const requestHash = createHash('sha256').update(`${request.method} ${path}${query}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
  const outcome = await withTenant(ctx, async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ orgId: ctx.orgId, userId: ctx.userId, key, method: request.method, path, requestHash })
      .onConflictDoNothing({ target: [idempotencyKeys.orgId, idempotencyKeys.userId, idempotencyKeys.key] })
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) return { stored: await storedResponse(tx, ctx, key, requestHash) };
    const body = await run();
    const stored = request.routeOptions.config?.sealsReplay ? { [SEALED]: ctx.platform.secrets.seal(JSON.stringify(body ?? null), SEALED_PURPOSE) } : (body ?? null);
    await tx
      .update(idempotencyKeys)
      .set({ statusCode: reply.statusCode, response: sql`${JSON.stringify(stored)}::jsonb` })
      .where(keyOf(ctx, key));
    return { body };
  });
  if ('body' in outcome) return outcome.body;
  return replayAfterChecks(outcome.stored, request, reply, run);
}

/** The caller's own key: keys are per user (migration 0012). */
const keyOf = (ctx: RequestContext, key: string) => and(eq(idempotencyKeys.orgId, ctx.orgId), eq(idempotencyKeys.userId, ctx.userId), eq(idempotencyKeys.key, key));

async function storedResponse(tx: Tx, ctx: RequestContext, key: string, requestHash: string): Promise<StoredResponse> {
  const [stored] = await tx
    .select({ requestHash: idempotencyKeys.requestHash, statusCode: idempotencyKeys.statusCode, response: idempotencyKeys.response })
    .from(idempotencyKeys)
    .where(keyOf(ctx, key));
  // The claim conflicted, so the row is there (the clean-up deletes only keys past retention, hours old).
  if (stored!.requestHash !== requestHash) {
    throw new AppError('CONFLICT', 'this Idempotency-Key was used with a different request');
  }
  return stored!;
}

/** Thrown when a replayed request's handler reaches for the database: every check before it has passed. */
class ChecksPassed extends Error {}

/**
 * A replay runs the handler again up to its first database access, with a context whose
 * databases stop it there: the service's permission check (its first line, before any
 * transaction) and any other check it makes first run exactly as for a new request, and
 * nothing is read or written. Then the stored answer is sent.
 */
async function replayAfterChecks(stored: StoredResponse, request: FastifyRequest, reply: FastifyReply, run: () => unknown) {
  const ctx = request.ctx!;
  request.ctx = stoppingAtTheDatabase(ctx);
  try {
    await run();
  } catch (error) {
    if (!causedBy(error, ChecksPassed)) throw error;
  } finally {
    request.ctx = ctx;
  }
  if (reply.sent) return reply;
  reply.code(stored.statusCode ?? 200).header('idempotent-replayed', 'true');
  return openStored(stored.response, ctx);
}

const SEALED = 'mpSealed';
export const SEALED_PURPOSE = 'idempotency_keys.response';

/** A stored answer as it was sent: a sealed one opened (with MASTER_KEY or the previous key). */
function openStored(response: unknown, ctx: RequestContext): unknown {
  const sealed = response && typeof response === 'object' && SEALED in response ? (response as Record<string, unknown>)[SEALED] : undefined;
  return typeof sealed === 'string' ? JSON.parse(ctx.platform.secrets.open(sealed, SEALED_PURPOSE)) : response;
}

function stoppingAtTheDatabase(ctx: RequestContext): RequestContext {
  const stop = (): never => {
    throw new ChecksPassed('the replayed request passed its checks');
  };
  const databases = new Proxy(ctx.databases, { get: stop });
  const platform = new Proxy(ctx.platform, {
    get: (target, property, receiver) => (['db', 'databases', 'jobs'].includes(String(property)) ? stop() : Reflect.get(target, property, receiver)),
  });
  return { ...ctx, databases, platform };
}

/** Whether the error, or one it wraps (a cache's factory error), is of that class. */
function causedBy(error: unknown, type: new (...args: never[]) => Error): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    if (current instanceof type) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
