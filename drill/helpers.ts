import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openPostgres, type Database } from '../src/platform/db/database.js';
import { checksumOrganization, listOrgTables, type TableChecksum } from '../src/platform/tenants/org-tables.js';
import { createServer } from '../src/server.js';
import type { PostgresServer } from '../test/postgres-server.js';
import { asTestServer, testConfig, type TestServer } from '../test/server.js';

// What the backup drills share: the server on a database server a drill started, every
// organization's checksums, closing and archiving the current WAL segment, the npm scripts.

const run = promisify(execFile);

/** An npm script of this repository, with only the environment given for its database. */
export async function npm(args: string[], env: Record<string, string>): Promise<string> {
  const { DATABASE_URL: _url, DATABASE_DIRECT_URL: _direct, DATABASE_READ_URL: _read, TENANT_DATABASES: _tenants, ...rest } = process.env;
  const { stdout } = await run('npm', args, { env: { ...rest, LOG_LEVEL: 'warn', ...env }, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** The server on a database server of its own, driven through inject. */
export async function serverOn(postgres: PostgresServer): Promise<TestServer> {
  const url = postgres.url();
  const db = openPostgres(url, 8);
  const app = await createServer(testConfig({ DATABASE_URL: url }));
  return asTestServer(app, { db, name: 'postgres', url, drop: () => db.close() });
}

/** Every organization's tables, counted and checksummed in one snapshot, by organization id. */
export async function checksumsOfEveryOrganization(database: Database): Promise<Record<string, TableChecksum[]>> {
  return database.withSession(async (session) => {
    await session.query('begin isolation level repeatable read');
    try {
      const tables = await listOrgTables(session);
      const organizations = await session.query<{ id: string }>('select id from organizations order by id');
      const sums: Record<string, TableChecksum[]> = {};
      for (const { id } of organizations) sums[id] = await checksumOrganization(session, tables, id);
      return sums;
    } finally {
      await session.query('rollback');
    }
  });
}

/** Closes the current WAL segment and waits until the archiver has pushed it into the repository. */
export async function archiveCurrentWal(database: Database): Promise<void> {
  await database.withSession(async (session) => {
    const [switched] = await session.query<{ wal: string }>('select pg_walfile_name(pg_switch_wal()) as wal');
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [archiver] = await session.query<{ done: boolean }>('select coalesce(last_archived_wal >= $1, false) as done from pg_stat_archiver', [switched!.wal]);
      if (archiver!.done) return;
      if (Date.now() > deadline) throw new Error(`WAL ${switched!.wal} was not archived within a minute`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
}

