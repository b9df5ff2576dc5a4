import type { BareServer } from '../lib/bare.js';
import { startBare } from '../lib/bare.js';
import { runLoad } from '../lib/load.js';
import type { BenchEnv, Measurement, Scenario } from '../lib/types.js';

const CONNECTIONS = 32;
const WAREHOUSES = 50;
const COLUMNS = 'id, code, name, active, created_at, updated_at';

/**
 * Issue 2: an authenticated GET of one record by id (GET /api/v1/warehouses/:id), beside
 * a bare Fastify handler running the same select on the same database.
 */
export default function getById(): Scenario {
  let token = '';
  let id = '';
  let bare: BareServer | null = null;

  return {
    name: 'get-by-id',
    description: `authenticated GET /api/v1/warehouses/:id, ${CONNECTIONS} connections, beside a bare Fastify handler`,

    async setup(env) {
      const session = await env.api.signup('get-by-id');
      token = session.accessToken;
      // A handful of rows so the lookup is an index probe, not a one-row table scan.
      const ids: string[] = [];
      for (let i = 1; i <= WAREHOUSES; i++) {
        const created = await env.api.expect<{ id: string }>(201, 'POST', '/api/v1/warehouses', { token, body: { code: `WH${i}`, name: `Warehouse ${i}` } });
        ids.push(created.id);
      }
      id = ids[Math.floor(WAREHOUSES / 2)]!;
      const read = await env.api.expect<{ id: string }>(200, 'GET', `/api/v1/warehouses/${id}`, { token });
      if (read.id !== id) throw new Error(`GET /api/v1/warehouses/${id} answered another record`);

      bare = await startBare((app) => {
        app.get<{ Params: { id: string } }>('/warehouses/:id', async (request, reply) => {
          const rows = await env.bareQuery(`select ${COLUMNS} from warehouses where id = $1`, [request.params.id]);
          if (!rows[0]) return reply.code(404).send({ title: 'Not found' });
          return rows[0];
        });
      });
      const bareRead = (await (await fetch(`${bare.url}/warehouses/${id}`)).json()) as { id: string };
      if (bareRead.id !== id) throw new Error('the bare handler answered another record');
    },

    async run(env) {
      const measurements: Measurement[] = [];
      measurements.push(await measure(env, 'app', env.baseUrl, `/api/v1/warehouses/${id}`, { authorization: `Bearer ${token}` }));
      measurements.push(await measure(env, 'bare', bare!.url, `/warehouses/${id}`, {}));
      return { measurements, notes: { warehouses: WAREHOUSES } };
    },

    async teardown() {
      await bare?.close();
      bare = null;
    },
  };
}

async function measure(env: BenchEnv, target: 'app' | 'bare', url: string, path: string, headers: Record<string, string>): Promise<Measurement> {
  env.log(`get-by-id: ${target} for ${env.durationSeconds}s`);
  const result = await runLoad({
    url,
    method: 'GET',
    paths: [path],
    headers,
    connections: CONNECTIONS,
    durationSeconds: env.durationSeconds,
    warmupSeconds: env.warmupSeconds,
  });
  return { target, unit: 'req/s', connections: CONNECTIONS, ...result };
}
