import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import { PgDialect, type PgDatabase, type PgTransaction } from 'drizzle-orm/pg-core';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { sql, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { secureDataDir, syncDataDir, tightenModes } from './data-dir.js';
import { DURABILITY_SETTINGS, judgePgliteDurability, judgeServerDurability, type Durability, type DurabilitySettings } from './durability.js';
import { clientForHostList, parseHostList, PrimaryFinder } from './hosts.js';
import { inlineStatement } from './one-message.js';
import { withRootCertificate } from './root-certificate.js';
import { sqlStateOf } from './sql-state.js';
import { PgliteNodeFS, durableStartParams } from './pglite-nodefs.js';

export type { Durability } from './durability.js';

// Both drivers answer raw queries with { rows }; node-postgres's result type describes both.
export type Orm = PgDatabase<NodePgQueryResultHKT, Record<string, never>>;
export type Tx = PgTransaction<NodePgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
export type Row = Record<string, unknown>;

/** One connection's worth of raw SQL, for work that needs a session of its own (migrations, locks). */
export interface RawSession {
  query<T extends Row = Row>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
}

export interface TransactionOptions {
  /**
   * Statements without parameters run at the start of the transaction. On a server they travel
   * in the same message as BEGIN (PostgreSQL's simple query protocol takes several statements),
   * so the tenancy door costs no round trip of its own. One statement (PGlite runs it through
   * the extended protocol), only ever built from checked values.
   */
  prelude?: string;
  readOnly?: boolean;
  /**
   * A server only: hands over the WAL position just after the commit (asked in the same message
   * as COMMIT, so it costs no round trip), for a replica's read-your-writes check.
   */
  onCommitPosition?: (lsn: string) => void;
  /** One snapshot for the whole transaction (an export): every statement sees the same rows. */
  isolation?: 'repeatable read';
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** PGlite and node-postgres behind one face: Drizzle for queries, a raw session for migrations. */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly orm: Orm;
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * A server only: the prelude and one read statement as a single simple-protocol message, which
   * PostgreSQL runs as one implicit transaction (so the prelude's transaction-local settings hold
   * for the statement, and end with it): one round trip, as a bare query. The statement's
   * parameters travel as literals (one-message.ts). Answers the statement's rows.
   */
  readInOneMessage?(prelude: string, query: SQL): Promise<Row[]>;
  withSession<T>(fn: (session: RawSession) => Promise<T>): Promise<T>;
  poolStats(): PoolStats;
  /** Whether an answered commit survives a power cut, and the settings that say so. */
  durability(): Promise<Durability>;
  /** PGlite only: the data directory as a tarball, to start copies from. */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

// int8 counts and sequences fit in a JS number; dates stay 'YYYY-MM-DD' strings.
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1082, (value) => value);

export interface PgliteOptions {
  /** On disk (owner-only, durable); absent: in memory, for tests. */
  dataDir?: string;
  loadDataDir?: Blob | File;
  /** With a dataDir, false runs Postgres with fsync off: only to measure what durability costs. */
  durable?: boolean;
  /** Where the data dir's start-up warnings go. */
  log?: { warn(details: object, message: string): void };
}

const silent = { warn: () => undefined };

export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  const { dataDir } = options;
  const isDurable = dataDir !== undefined && options.durable !== false;
  const isNew = dataDir !== undefined && !existsSync(join(dataDir, 'PG_VERSION'));
  if (dataDir) secureDataDir(dataDir, options.log ?? silent);
  const nodeFs = dataDir === undefined ? undefined : new PgliteNodeFS(dataDir, { fsync: isDurable });
  const client = await PGlite.create({
    dataDir,
    fs: nodeFs,
    startParams: isDurable ? durableStartParams : undefined,
    loadDataDir: options.loadDataDir,
    parsers: { 20: (value: string) => Number(value), 1082: (value: string) => value },
  });
  if (dataDir && isNew) {
    // PGlite unpacks a new database's files with mode 0666 (left to the umask) and without syncing them.
    tightenModes(dataDir);
    if (isDurable) await syncDataDir(dataDir);
  }
  const session: RawSession = {
    query: async <T extends Row>(text: string, params?: unknown[]) => (await client.query<T>(text, params)).rows,
    exec: async (text) => {
      await client.exec(text);
    },
  };
  const orm = drizzlePglite({ client }) as unknown as Orm;
  return {
    kind: 'pglite',
    orm,
    // In-process: no round trips to save, so Drizzle's own transaction with the prelude first.
    transaction: (fn, options = {}) =>
      orm.transaction(async (tx) => {
        if (options.isolation) await tx.execute(sql.raw(`set transaction isolation level ${options.isolation}`));
        if (options.readOnly) await tx.execute(sql`set transaction read only`);
        if (options.prelude) await tx.execute(sql.raw(options.prelude));
        return fn(tx);
      }),
    withSession: (fn) => fn(session),
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    durability: async () =>
      dataDir === undefined
        ? { isDurable: false, detail: 'in memory: nothing is kept on disk' }
        : judgePgliteDurability(await readDurabilitySettings(session.query), nodeFs?.isFsyncWired ?? false),
    dumpDataDir: () => client.dumpDataDir('gzip'),
    close: once(() => client.close()),
  };
}

async function readDurabilitySettings(query: RawSession['query']): Promise<DurabilitySettings> {
  const rows = await query<{ name: string; setting: string }>('select name, setting from pg_settings where name = any($1::text[])', [
    [...DURABILITY_SETTINGS],
  ]);
  return Object.fromEntries(rows.map((row) => [row.name, row.setting]));
}

export function openPostgres(url: string, max = 10): Database {
  const connectionString = withRootCertificate(url);
  // Several hosts (libpq's form): every connection goes to the one the finder names (the primary,
  // for target_session_attrs=read-write), found again after a lost connection (a failover).
  const hostList = parseHostList(connectionString);
  const finder = hostList ? new PrimaryFinder(hostList) : null;
  // A server that does not answer at all fails the request after 5 s (a 503), rather than holding it.
  const pool = new pg.Pool({
    connectionString: hostList?.connectionString ?? connectionString,
    max,
    application_name: 'monopilot',
    connectionTimeoutMillis: 5000,
    ...(finder ? { Client: clientForHostList(finder) } : {}),
  });
  // An idle client that loses its server must not crash the process; with several hosts, the
  // next connection looks for the primary again.
  pool.on('error', () => finder?.forget());
  const dialect = new PgDialect();
  return {
    kind: 'postgres',
    orm: drizzlePg({ client: pool }) as unknown as Orm,
    transaction: (fn, options = {}) => transactionOnPool(pool, dialect, fn, options, () => finder?.forget()),
    async readInOneMessage(prelude, query) {
      // Several statements in one query answer one result each; the statement's is the last.
      const results = (await pool.query(`${prelude};${inlineStatement(query)}`)) as unknown as pg.QueryResult[];
      return results.at(-1)!.rows as Row[];
    },
    async withSession(fn) {
      const client = guarded(await pool.connect());
      try {
        return await fn({
          query: async <T extends Row>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
          exec: async (text) => {
            await client.query(text);
          },
        });
      } finally {
        client.release();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    durability: async () =>
      judgeServerDurability(await readDurabilitySettings(async <T extends Row>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as T[])),
    close: once(() => pool.end()),
  };
}

/**
 * Drizzle's transaction, minus a round trip: BEGIN and the prelude go to the server as one
 * simple-protocol message, then the work runs on a Drizzle transaction over that connection.
 * A connection whose BEGIN, COMMIT or ROLLBACK failed is destroyed, not handed to the next caller.
 */
async function transactionOnPool<T>(pool: pg.Pool, dialect: PgDialect, fn: (tx: Tx) => Promise<T>, options: TransactionOptions, onServerLost: () => void): Promise<T> {
  const client = guarded(await pool.connect());
  let unusable: Error | undefined;
  const endOrDiscard = async (text: string) => client.query(text).catch((error: Error) => Promise.reject((unusable = error)));
  try {
    await endOrDiscard(`begin${options.isolation ? ` isolation level ${options.isolation}` : ''}${options.readOnly ? ' read only' : ''};${options.prelude ?? ''}`).catch(async (error: Error) => {
      // The prelude refused (the tenancy gate, say): the connection is fine once rolled back.
      if (unusable === error && hasSqlState(error)) {
        unusable = undefined;
        await endOrDiscard('rollback');
      }
      throw error;
    });
    const tx = new NodePgTransaction(dialect, new NodePgSession(client, dialect, undefined), undefined) as unknown as Tx;
    let result: T;
    try {
      result = await fn(tx);
    } catch (error) {
      // A server that turned read only (a demoted primary) or shut down: look for the primary again.
      if (['25006', '57P01', '57P02', '57P03'].includes(sqlStateOf(error) ?? '')) onServerLost();
      await endOrDiscard('rollback').catch(() => undefined);
      throw error;
    }
    if (options.onCommitPosition) {
      const answers = (await endOrDiscard('commit;select pg_current_wal_lsn()::text as lsn')) as unknown as pg.QueryResult<{ lsn: string }>[];
      options.onCommitPosition(answers[1]!.rows[0]!.lsn);
    } else {
      await endOrDiscard('commit');
    }
    return result;
  } finally {
    if (unusable) onServerLost();
    client.release(unusable);
  }
}

const guardedClients = new WeakSet<pg.PoolClient>();

/**
 * A client checked out of the pool has no listener for its 'error' event (the pool listens only
 * while it is idle), and an unheard 'error' ends the process. When its server dies mid-query (a
 * primary killed in a failover) the query in flight fails with the error anyway, and the client
 * is released as unusable, so the event itself needs nothing more than to be heard.
 */
function guarded(client: pg.PoolClient): pg.PoolClient {
  if (!guardedClients.has(client)) {
    client.on('error', () => undefined);
    guardedClients.add(client);
  }
  return client;
}

/** An error the server answered (with a SQLSTATE), as opposed to a lost connection. */
const hasSqlState = (error: Error) => {
  const { code } = error as Error & { code?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
};

/** Opens the database the configuration names: a server when DATABASE_URL is set, else PGlite in dataDir. */
export async function openDatabase(options: { url?: string; dataDir: string; log?: PgliteOptions['log'] }): Promise<Database> {
  return options.url ? openPostgres(options.url) : openPglite({ dataDir: options.dataDir, log: options.log });
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => (closing ??= fn());
}
