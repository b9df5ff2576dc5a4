import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/config.js';
import { createServer, type Server } from '../../src/server.js';
import { moveOrganization, type MoveResult } from '../../src/platform/tenants/move.js';
import { openOperator, type Operator } from '../../src/platform/tenants/operator.js';
import { canStartPostgres, startPostgres, type PostgresServer } from '../../test/postgres-server.js';
import { ApiClient, type Session } from '../lib/api.js';
import type { BenchEnv, Scenario } from '../lib/types.js';
import { buildGenealogy, createMasterData, planGenealogy, verifyGenealogy } from './trace.js';

/**
 * Issue 12: `tenant move` of one organization with MOVE_LPS license plates and ~MOVE_LINKS
 * genealogy links (default 100,000 and 1,000,000; the trace scenario's genealogy, built the
 * same way) between two PostgreSQL servers this scenario starts (wal_level=logical), to the
 * dedicated one and back, while two of the organization's users keep creating warehouses
 * (POST with Idempotency-Key, a 503 retried with the same key). Reports each move's total time
 * and freeze (the move's own figures) and the longest stretch the writers saw answered 503;
 * checks that every acknowledged write arrived and the genealogy is whole where it ends up.
 * Independent of the bench's own database: it needs the PostgreSQL 15 binaries.
 */

function intEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1000) throw new Error(`${name} must be a whole number of at least 1000`);
  return value;
}

interface Writers {
  acknowledged: number;
  longestRefusalMs: number;
  unexpected: string[];
  stop(): Promise<void>;
}

/** Two closed loops of warehouse creations over HTTP, retrying 503s with the same key. */
function startWriters(api: ApiClient, token: string, prefix: string): Writers {
  let isStopped = false;
  let refusedSince: number | null = null;
  let sequence = 0;
  const state = { acknowledged: 0, longestRefusalMs: 0, unexpected: [] as string[] };
  const writeOne = async () => {
    const code = `${prefix}-${sequence++}`;
    const key = randomUUID();
    for (;;) {
      const response = await fetch(`${api.baseUrl}/api/v1/warehouses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ code, name: code }),
      });
      const text = await response.text();
      if (response.status === 201) {
        if (refusedSince !== null) state.longestRefusalMs = Math.max(state.longestRefusalMs, performance.now() - refusedSince);
        refusedSince = null;
        state.acknowledged++;
        return;
      }
      if (response.status !== 503) return void state.unexpected.push(`${response.status} ${text}`);
      refusedSince ??= performance.now();
      await sleep(25);
    }
  };
  const loops = [0, 1].map(async () => {
    while (!isStopped) await writeOne();
  });
  return Object.assign(state, {
    async stop() {
      isStopped = true;
      await Promise.all(loops);
    },
  });
}

export default function tenantMoveScenario(): Scenario {
  let servers: PostgresServer[] = [];
  let app: Server | null = null;
  let operator: Operator | null = null;
  let api: ApiClient | null = null;
  let session: Session | null = null;
  const notes: Record<string, unknown> = {};

  return {
    name: 'tenant-move',
    description: 'tenant move of one organization (MOVE_LPS LPs, ~MOVE_LINKS links: 100k / 1M) to a dedicated server and back, under write load: total time and freeze',

    async setup(env) {
      if (!canStartPostgres()) return { skipped: 'needs the PostgreSQL 15 binaries (/usr/lib/postgresql/15/bin) to start two servers' };
      const settings = { wal_level: 'logical', shared_buffers: "'256MB'", max_wal_size: "'4GB'", checkpoint_timeout: "'30min'" };
      servers = await Promise.all([startPostgres(settings), startPostgres(settings)]);
      const config = loadConfig({
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn',
        HOST: '127.0.0.1',
        DATA_DIR: servers[0]!.dataDir,
        DATABASE_URL: servers[0]!.url(),
        DATABASE_READ_URL: '',
        TENANT_DATABASES: JSON.stringify({ acme: servers[1]!.url() }),
        JWT_SECRET: randomBytes(32).toString('hex'),
        MASTER_KEY: randomBytes(32).toString('base64'),
        RATE_LIMIT_PER_MINUTE: '1000000000',
        AUTH_RATE_LIMIT_PER_MINUTE: '1000000000',
      });
      app = await createServer(config);
      await app.app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.app.server.address();
      if (!address || typeof address === 'string') throw new Error('server has no TCP address');
      api = new ApiClient(`http://127.0.0.1:${address.port}`);
      const local: BenchEnv = { ...env, server: app, db: app.platform.db, api, databaseUrl: servers[0]!.url(), kind: 'postgres' };
      const plan = planGenealogy(intEnv('MOVE_LPS', 100_000), intEnv('MOVE_LINKS', 1_000_000));
      session = await api.signup('move');
      const master = await createMasterData(local, session);
      notes.build = await app.platform.db.withSession((raw) => buildGenealogy(local, raw, plan, master, randomBytes(4).toString('hex')));
      notes.counts = await app.platform.db.withSession((raw) => verifyGenealogy(raw, session!.orgId));
      env.log(`tenant-move: built ${JSON.stringify(notes.counts)}`);
      operator = await openOperator(config);
    },

    async run(env) {
      const orgId = session!.orgId;
      const moves: (MoveResult & { longestRefusalSeconds: number; writesAcknowledged: number })[] = [];
      for (const to of ['acme', 'shared']) {
        const writers = startWriters(api!, session!.accessToken, `LOAD-${to}`);
        await sleep(1000);
        const result = await moveOrganization(operator!, orgId, to, { progress: (message) => env.log(`tenant-move: ${message}`) });
        await sleep(1000);
        await writers.stop();
        if (writers.unexpected.length) throw new Error(`writes answered ${writers.unexpected.slice(0, 5).join(', ')} (${writers.unexpected.length} in all) during the move`);
        const counts = await operator!.database(to).withSession((raw) => verifyGenealogy(raw, orgId));
        if (JSON.stringify(counts) !== JSON.stringify(notes.counts)) throw new Error(`after the move to ${to}: ${JSON.stringify(counts)}, before: ${JSON.stringify(notes.counts)}`);
        moves.push({ ...result, longestRefusalSeconds: writers.longestRefusalMs / 1000, writesAcknowledged: writers.acknowledged });
        env.log(`tenant-move: to ${to}: ${result.rows} rows, ${result.totalSeconds.toFixed(1)} s in all, freeze ${result.freezeSeconds.toFixed(2)} s, writers saw 503s for at most ${(writers.longestRefusalMs / 1000).toFixed(2)} s`);
      }
      notes.moves = moves;
      return { measurements: [], notes };
    },

    async teardown() {
      await operator?.close();
      await app?.close();
      for (const server of servers) await server.destroy();
    },
  };
}
