import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { createServer, type Server } from '../../src/server.js';
import { ApiClient } from './api.js';
import type { BareQuery, BareTransaction, BenchEnv } from './types.js';

// One database per run, so two benches on one server never drop each other's data.
export const BENCH_DATABASE = process.env.BENCH_DATABASE ?? `monopilot_bench_${process.pid}`;

/** The bench's own database on the server of `url`, so a run never touches other data. */
export function benchDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${BENCH_DATABASE}`;
  return parsed.toString();
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds, got "${raw}"`);
  return value;
}

function nonNegativeNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be zero or a positive number of seconds, got "${raw}"`);
  return value;
}

export interface RunningEnv extends BenchEnv {
  close(): Promise<void>;
}

/**
 * Starts the real server in-process on a free port, against PostgreSQL (a freshly
 * dropped and created monopilot_bench database) when DATABASE_URL is set, else against
 * PGlite in a temporary data directory; rate limits out of the way.
 */
export async function startEnvironment(log: (message: string) => void): Promise<RunningEnv> {
  const durationSeconds = positiveNumber('BENCH_DURATION', 10);
  const warmupSeconds = nonNegativeNumber('BENCH_WARMUP', Math.min(3, Math.max(1, Math.round(durationSeconds / 5))));
  const serverUrl = process.env.DATABASE_URL || undefined;
  // Through PgBouncer (DATABASE_URL the pooler, DATABASE_DIRECT_URL the server): the bench database
  // is made on the server, migrated straight there, and served (app and bare handler) through the pooler.
  const adminUrl = (serverUrl && process.env.DATABASE_DIRECT_URL) || serverUrl;
  const dataDir = mkdtempSync(join(tmpdir(), 'monopilot-bench-'));
  let databaseUrl: string | undefined;
  if (serverUrl) {
    databaseUrl = benchDatabaseUrl(serverUrl);
    log(`creating a fresh database ${BENCH_DATABASE} on ${new URL(adminUrl!).host}${adminUrl === serverUrl ? '' : `, used through ${new URL(serverUrl).host}`}`);
    await adminQuery(adminUrl!, `drop database if exists ${BENCH_DATABASE} with (force)`);
    await adminQuery(adminUrl!, `create database ${BENCH_DATABASE}`);
  } else {
    log(`using PGlite in ${dataDir}`);
  }

  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl ?? '',
    DATABASE_DIRECT_URL: adminUrl && adminUrl !== serverUrl ? benchDatabaseUrl(adminUrl) : '',
    DATABASE_READ_URL: '',
    JWT_SECRET: randomBytes(32).toString('hex'),
    MASTER_KEY: randomBytes(32).toString('base64'),
    RATE_LIMIT_PER_MINUTE: '1000000000',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000000',
    // The webhook scenario's receiver listens on loopback.
    WEBHOOK_ALLOW_PRIVATE_URLS: process.env.WEBHOOK_ALLOW_PRIVATE_URLS || 'true',
  });

  let server: Server | null = null;
  let pool: pg.Pool | null = null;
  const cleanUp = async () => {
    await server?.close();
    await pool?.end();
    if (adminUrl && process.env.BENCH_KEEP_DB !== '1') await adminQuery(adminUrl, `drop database if exists ${BENCH_DATABASE} with (force)`);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    server = await createServer(config);
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    if (!address || typeof address === 'string') throw new Error('server has no TCP address');
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const db = server.platform.db;

    let bareQuery: BareQuery;
    let bareTransaction: BareTransaction;
    if (databaseUrl) {
      // Same size as the app's pool (openPostgres defaults to 10).
      const barePool = new pg.Pool({ connectionString: databaseUrl, max: 10, application_name: 'monopilot-bench-bare' });
      barePool.on('error', () => undefined);
      pool = barePool;
      bareQuery = async <T extends Record<string, unknown>>(text: string, params?: unknown[]) => (await barePool.query(text, params)).rows as T[];
      bareTransaction = async (fn) => {
        const client = await barePool.connect();
        try {
          await client.query('begin');
          const result = await fn(async <T extends Record<string, unknown>>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[]);
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      };
    } else {
      // The app's own PGlite instance: there is only one database to ask.
      bareQuery = <T extends Record<string, unknown>>(text: string, params?: unknown[]) => db.withSession((session) => session.query<T>(text, params));
      bareTransaction = (fn) =>
        db.withSession(async (session) => {
          await session.exec('begin');
          try {
            const result = await fn(session.query);
            await session.exec('commit');
            return result;
          } catch (error) {
            await session.exec('rollback');
            throw error;
          }
        });
    }

    let closing: Promise<void> | null = null;
    return {
      kind: db.kind,
      databaseUrl: databaseUrl ?? null,
      server,
      db,
      baseUrl,
      api: new ApiClient(baseUrl),
      durationSeconds,
      warmupSeconds,
      bareQuery,
      bareTransaction,
      log,
      close: () => (closing ??= cleanUp()),
    };
  } catch (error) {
    await cleanUp().catch(() => undefined);
    throw error;
  }
}
