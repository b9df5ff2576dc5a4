import pg from 'pg';
import postgres from 'postgres';
import type { Session } from '../lib/api.js';
import { INVENTORY_MISSING, inventoryPresent, seedLicensePlates, seedStockPlace } from '../lib/inventory.js';
import type { BenchEnv, Measurement, Scenario } from '../lib/types.js';

const CONCURRENCY = 32;
const PLATES = 2_000;
const POOL_SIZE = 10;

/** One way of running the tenancy door around the lookup by number; answers the plate's row. */
type Lookup = (orgId: string, userId: string, number: string) => Promise<unknown>;

/**
 * Issue 11, the driver lever weighed by measurement: the scanner's lookup by number inside the
 * tenancy door (app role, organization and user set transaction-locally, row level security on),
 * run by node-postgres and by postgres.js in the ways each allows, 32 concurrent callers in this
 * process, no HTTP; beside the bare select without a transaction. Same pool size for all.
 */
export default function driver(): Scenario {
  let session: Session | null = null;
  let numbers: string[] = [];

  return {
    name: 'driver',
    description: `the tenancy transaction around the lookup by number, node-postgres vs postgres.js, ${CONCURRENCY} callers, pools of ${POOL_SIZE}`,

    async setup(env) {
      if (!env.databaseUrl) return { skipped: 'compares PostgreSQL drivers; PGlite has none' };
      session = await env.api.signup('driver');
      if (!(await inventoryPresent(env, session, { method: 'GET', path: '/api/v1/license-plates/by-number/LP99999999' }))) return { skipped: INVENTORY_MISSING };
      const place = await seedStockPlace(env, session, 'driver');
      numbers = await seedLicensePlates(env, session, place, { count: PLATES, qty: 25, lot: 'DRIVER' });
      await env.bareQuery('analyze license_plates');
    },

    async run(env) {
      const url = env.databaseUrl!;
      const { orgId, userId } = session!;
      const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
      const sql = postgres(url, { max: POOL_SIZE, onnotice: () => undefined });
      try {
        const variants: [string, Lookup][] = [
          ['bare', (org, _user, number) => pool.query('select * from license_plates where org_id = $1 and number = $2', [org, number])],
          ['pg: 4 round trips (Drizzle transaction)', (org, user, number) => pgTransaction(pool, org, user, number, false)],
          ['pg: 3 round trips (the app: BEGIN + prelude)', (org, user, number) => pgTransaction(pool, org, user, number, true)],
          ['pg: 1 round trip (prelude and select in one message)', (org, user, number) => pgOneMessage(pool, org, user, number)],
          ['postgres.js: sql.begin, awaited', (org, user, number) => postgresJsBegin(sql, org, user, number)],
          ['postgres.js: set_config and select pipelined', (org, user, number) => postgresJsPipelined(sql, org, user, number)],
        ];
        const measurements: Measurement[] = [];
        for (const [target, lookup] of variants) {
          env.log(`driver: ${target} for ${env.durationSeconds}s`);
          measurements.push(await measureLoop(env, target, () => lookup(orgId, userId, numbers[Math.floor(Math.random() * numbers.length)]!)));
        }
        return { measurements, notes: { plates: PLATES, poolSize: POOL_SIZE } };
      } finally {
        await pool.end();
        await sql.end();
      }
    },

    async teardown() {},
  };
}

const prelude = (orgId: string, userId: string) =>
  `select set_config('role', 'monopilot_app', true), set_config('app.org_id', '${orgId}', true), set_config('app.user_id', '${userId}', true)`;

async function pgTransaction(pool: pg.Pool, orgId: string, userId: string, number: string, isPreludeWithBegin: boolean) {
  const client = await pool.connect();
  try {
    if (isPreludeWithBegin) {
      await client.query(`begin;${prelude(orgId, userId)}`);
    } else {
      await client.query('begin');
      await client.query("select set_config('role', 'monopilot_app', true), set_config('app.org_id', $1, true), set_config('app.user_id', $2, true)", [orgId, userId]);
    }
    const result = await client.query('select * from license_plates where number = $1', [number]);
    await client.query('commit');
    return result.rows[0];
  } finally {
    client.release();
  }
}

/** The prelude and the select as one simple-protocol message: one implicit transaction, the number inlined as a literal. */
async function pgOneMessage(pool: pg.Pool, orgId: string, userId: string, number: string) {
  const results = (await pool.query(`${prelude(orgId, userId)};select * from license_plates where number = '${number.replaceAll("'", "''")}'`)) as unknown as pg.QueryResult[];
  return results[1]!.rows[0];
}

function postgresJsBegin(sql: postgres.Sql, orgId: string, userId: string, number: string) {
  return sql.begin(async (tx) => {
    await tx`select set_config('role', 'monopilot_app', true), set_config('app.org_id', ${orgId}, true), set_config('app.user_id', ${userId}, true)`;
    return tx`select * from license_plates where number = ${number}`;
  });
}

function postgresJsPipelined(sql: postgres.Sql, orgId: string, userId: string, number: string) {
  return sql.begin(async (tx) => {
    // Not awaited: postgres.js writes both in one go and reads both answers after.
    const settings = tx`select set_config('role', 'monopilot_app', true), set_config('app.org_id', ${orgId}, true), set_config('app.user_id', ${userId}, true)`;
    const rows = tx`select * from license_plates where number = ${number}`;
    await settings;
    return rows;
  });
}

/** CONCURRENCY callers, each calling again when its last call answered, for the bench's duration after a warm-up. */
async function measureLoop(env: BenchEnv, target: string, call: () => Promise<unknown>): Promise<Measurement> {
  const run = async (seconds: number) => {
    const latencies: number[] = [];
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < end) {
          const started = performance.now();
          await call();
          latencies.push(performance.now() - started);
        }
      }),
    );
    return latencies.sort((a, b) => a - b);
  };
  if (env.warmupSeconds > 0) await run(env.warmupSeconds);
  const latencies = await run(env.durationSeconds);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0;
  return {
    target,
    unit: 'lookups/s',
    connections: CONCURRENCY,
    durationSeconds: env.durationSeconds,
    ok: latencies.length,
    errors: 0,
    statusCodes: {},
    perSecond: latencies.length / env.durationSeconds,
    p50: at(50),
    p95: at(95),
    p97_5: at(97.5),
    p99: at(99),
    max: latencies.at(-1) ?? 0,
  };
}
