import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CheckResult } from './cache/cache.js';
import type { Platform } from './context.js';
import { release } from './release.js';

const check = z.object({ status: z.enum(['ok', 'error']), latencyMs: z.number() });
const healthSchema = z.object({
  status: z.enum(['healthy', 'degraded']),
  /** What runs (dist/release.json) and the newest migration the database has: two releases side by side during a rolling upgrade show here. */
  release: z.object({ version: z.string(), commit: z.string(), builtAt: z.string().nullable(), schema: z.string().nullable() }),
  checks: z.object({
    database: check,
    cache: check,
    auth: check,
    /** Whether an answered commit survives a power cut; detail names the settings found. */
    durability: check.extend({ detail: z.string() }),
    /** Each dedicated database of TENANT_DATABASES (absent when there are none): one that is down degrades, it does not fail, the server. */
    tenantDatabases: z.record(z.string(), check).optional(),
    /** The read replica (DATABASE_READ_URL), when configured: error while reports cannot read it (down, or lagging past REPLICA_MAX_LAG_SECONDS). */
    replica: check.extend({ lagSeconds: z.number().nullable() }).optional(),
  }),
});

/**
 * GET /api/health: 503 without a database; degraded (still serving) when the cache or auth
 * falters, or when the database cannot promise that an answered commit survives a power cut.
 */
export function registerHealth(app: FastifyInstance, platform: Platform): void {
  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['health'], response: { 200: healthSchema, 503: healthSchema } } },
    async (_request, reply) => {
      const [database, cache, auth, durability, tenantDatabases, schema] = await Promise.all([
        checkDatabase(platform),
        platform.cache.ping(),
        checkAuth(platform),
        checkDurability(platform),
        checkTenantDatabases(platform),
        readSchemaVersion(platform),
      ]);
      const replica = checkReplica(platform);
      const checks = { database, cache, auth, durability, ...(tenantDatabases ? { tenantDatabases } : {}), ...(replica ? { replica } : {}) };
      const results = [database, cache, auth, durability, ...Object.values(tenantDatabases ?? {}), ...(replica ? [replica] : [])];
      const allOk = results.every((result) => result.status === 'ok');
      reply.code(database.status === 'ok' ? 200 : 503);
      return { status: allOk ? 'healthy' : 'degraded', release: { ...release, schema }, checks };
    },
  );
}

/**
 * The newest migration applied to the shared database; null when it cannot be read. Bounded like
 * the checks: a pooler whose server logins fail holds the query instead of failing it.
 */
async function readSchemaVersion(platform: Platform): Promise<string | null> {
  try {
    const rows = await withTimeout(platform.db.withSession((session) => session.query<{ name: string | null }>('select max(name) as name from schema_migrations')));
    return rows[0]?.name ?? null;
  } catch {
    return null;
  }
}

async function timed(probe: () => Promise<unknown>): Promise<CheckResult> {
  const started = performance.now();
  try {
    await withTimeout(probe());
    return { status: 'ok', latencyMs: round(performance.now() - started) };
  } catch {
    return { status: 'error', latencyMs: round(performance.now() - started) };
  }
}

const withTimeout = <T>(work: Promise<T>) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref())]);

const round = (ms: number) => Math.round(ms * 100) / 100;

const checkDatabase = (platform: Platform) => timed(() => platform.db.orm.execute(sql`select 1`));

/** The replica as the read routing last measured it (polled twice a second), so the check itself costs nothing. */
function checkReplica(platform: Platform): (CheckResult & { lagSeconds: number | null }) | null {
  const routing = platform.databases.readRouting;
  if (!routing) return null;
  const { up, lagSeconds } = routing.state;
  const isUsable = up && lagSeconds <= platform.config.REPLICA_MAX_LAG_SECONDS;
  return { status: isUsable ? 'ok' : 'error', latencyMs: 0, lagSeconds: Number.isFinite(lagSeconds) ? Math.round(lagSeconds * 100) / 100 : null };
}

/** A dedicated database is ok when it answers and has had its migrations (it serves its organizations). */
async function checkTenantDatabases(platform: Platform): Promise<Record<string, CheckResult> | null> {
  const dedicated = platform.databases.placementDatabases().slice(1);
  if (dedicated.length === 0) return null;
  const results = await Promise.all(
    dedicated.map(async ([name, database]) => {
      const result = await timed(() => database.orm.execute(sql`select 1`));
      return [name, platform.databases.notReady.has(name) ? { ...result, status: 'error' as const } : result] as const;
    }),
  );
  return Object.fromEntries(results);
}

const checkAuth = (platform: Platform) =>
  timed(async () => {
    const claims = { userId: '00000000-0000-0000-0000-000000000000', orgId: '00000000-0000-0000-0000-000000000000' };
    const verified = await platform.tokens.verifyAccess(await platform.tokens.signAccess(claims));
    if (verified?.userId !== claims.userId) throw new Error('token round trip failed');
  });

async function checkDurability(platform: Platform): Promise<CheckResult & { detail: string }> {
  const started = performance.now();
  const latencyMs = () => round(performance.now() - started);
  try {
    const { isDurable, detail } = await withTimeout(platform.db.durability());
    return { status: isDurable ? 'ok' : 'error', latencyMs: latencyMs(), detail };
  } catch {
    return { status: 'error', latencyMs: latencyMs(), detail: 'the database did not say how it syncs commits' };
  }
}
