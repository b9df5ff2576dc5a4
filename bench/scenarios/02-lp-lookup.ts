import { sql } from 'drizzle-orm';
import { withTenant } from '../../src/platform/db/tenancy.js';
import type { Session } from '../lib/api.js';
import { startBare, type BareServer } from '../lib/bare.js';
import { INVENTORY_MISSING, inventoryPresent, seedLicensePlates, seedStockPlace } from '../lib/inventory.js';
import { runLoad } from '../lib/load.js';
import type { BenchEnv, Measurement, Scenario } from '../lib/types.js';

const CONNECTIONS = 32;
const PLATES = Number(process.env.BENCH_LP_COUNT || 100_000);
/** How many different numbers the load cycles through (random picks across the whole table). */
const SAMPLE = 2_000;
const COLUMNS = 'id, number, product_id, lot, expiry_date, qty, uom, status, qa_status, location_id, created_at, updated_at';

/**
 * Issue 4, the scanner hot path: GET /api/v1/license-plates/by-number/:number with 100k
 * license plates in the organization, beside a bare handler running the same lookup.
 */
export default function lpLookup(): Scenario {
  let session: Session | null = null;
  let paths: string[] = [];
  let bare: BareServer | null = null;
  let plans: Record<string, string> = {};
  let seedSeconds = 0;

  return {
    name: 'lp-lookup',
    description: `GET /api/v1/license-plates/by-number/:number among ${PLATES} LPs, ${CONNECTIONS} connections, beside a bare handler`,

    async setup(env) {
      session = await env.api.signup('lp-lookup');
      const token = session.accessToken;
      if (!(await inventoryPresent(env, session, { method: 'GET', path: '/api/v1/license-plates/by-number/LP99999999' }))) return { skipped: INVENTORY_MISSING };

      const place = await seedStockPlace(env, session, 'lookup');
      env.log(`lp-lookup: seeding ${PLATES} license plates in SQL`);
      const started = performance.now();
      const numbers = await seedLicensePlates(env, session, place, { count: PLATES, qty: 25, lot: 'LOOKUP' });
      // Fresh statistics, as autovacuum would have them in production, so the plans below are the real ones.
      await env.bareQuery('analyze license_plates');
      await env.bareQuery('analyze stock_moves');
      seedSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
      env.log(`lp-lookup: seeded ${numbers.length} license plates in ${seedSeconds}s`);
      const sample = Array.from({ length: Math.min(SAMPLE, numbers.length) }, () => numbers[Math.floor(Math.random() * numbers.length)]!);
      paths = sample.map((number) => `/api/v1/license-plates/by-number/${number}`);

      const probe = sample[0]!;
      const read = await env.api.expect<{ number: string }>(200, 'GET', `/api/v1/license-plates/by-number/${probe}`, { token });
      if (read.number !== probe) throw new Error(`by-number ${probe} answered ${read.number}`);

      const orgId = session.orgId;
      bare = await startBare((app) => {
        app.get<{ Params: { number: string } }>('/license-plates/by-number/:number', async (request, reply) => {
          const rows = await env.bareQuery(`select ${COLUMNS} from license_plates where org_id = $1 and number = $2`, [orgId, request.params.number]);
          if (!rows[0]) return reply.code(404).send({ title: 'Not found' });
          return rows[0];
        });
      });
      const bareRead = (await (await fetch(`${bare.url}/license-plates/by-number/${probe}`)).json()) as { number: string };
      if (bareRead.number !== probe) throw new Error('the bare handler answered another license plate');

      // The lookup must be an index probe, not a scan of 100k rows: the app's query as the app
      // runs it (app role, row level security adding the organization), and the bare one.
      const appPlan = await withTenant({ orgId, userId: session.userId, databases: env.server.platform.databases }, async (tx) =>
        (await tx.execute(sql`explain select ${sql.raw(COLUMNS)} from license_plates where number = ${probe}`)).rows,
      );
      const barePlan = await env.bareQuery(`explain select ${COLUMNS} from license_plates where org_id = '${orgId}' and number = '${probe}'`);
      const summary = (rows: Record<string, unknown>[]) => rows.map((row) => String(row['QUERY PLAN']).trim()).join(' | ');
      plans = { app: summary(appPlan), bare: summary(barePlan) };
      env.log(`lp-lookup: app plan: ${plans.app}`);
      env.log(`lp-lookup: bare plan: ${plans.bare}`);
      for (const [target, plan] of Object.entries(plans)) {
        if (!/Index (Only )?Scan/.test(plan)) throw new Error(`the ${target} lookup by number does not use an index: ${plan}`);
      }
    },

    async run(env) {
      const measurements: Measurement[] = [];
      measurements.push(await measure(env, 'app', env.baseUrl, paths, { authorization: `Bearer ${session!.accessToken}` }));
      measurements.push(await measure(env, 'bare', bare!.url, paths.map((path) => path.replace('/api/v1', '')), {}));
      return { measurements, notes: { licensePlates: PLATES, seedSeconds, distinctNumbersRequested: new Set(paths).size, plans } };
    },

    async teardown() {
      await bare?.close();
      bare = null;
    },
  };
}

async function measure(env: BenchEnv, target: 'app' | 'bare', url: string, paths: string[], headers: Record<string, string>): Promise<Measurement> {
  env.log(`lp-lookup: ${target} for ${env.durationSeconds}s`);
  const result = await runLoad({ url, method: 'GET', paths, headers, connections: CONNECTIONS, durationSeconds: env.durationSeconds, warmupSeconds: env.warmupSeconds });
  return { target, unit: 'req/s', connections: CONNECTIONS, ...result };
}
