import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canStartPostgres, startPostgres, type PostgresServer } from '../../../test/postgres-server.js';
import { openPostgres, type Database } from './database.js';
import { prepareDedicatedDatabases } from './dedicated-databases.js';
import { migrate } from './migrate.js';

const describeWithServer = canStartPostgres() ? describe : describe.skip;
const quiet = { info: () => undefined, error: () => undefined };

let server: PostgresServer;
let database: Database;

describeWithServer('a dedicated database that is down at start-up', () => {
  beforeAll(async () => {
    server = await startPostgres();
    database = openPostgres(server.url());
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await server?.destroy();
  });

  it('stays pending (its organizations answer 503) and is migrated as soon as it answers', async () => {
    await server.stop('immediate');
    const preparation = prepareDedicatedDatabases(new Map([['acme', database]]), (_name, db) => migrate(db).then(() => undefined), quiet, 0.2);
    try {
      await preparation.firstTry;
      expect([...preparation.pending]).toEqual(['acme']);
      await server.start();
      const deadline = Date.now() + 30_000;
      while (preparation.pending.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect([...preparation.pending]).toEqual([]);
      const [row] = await database.withSession((session) => session.query<{ n: number }>("select count(*)::int as n from schema_migrations where name = '0014_tenant_directory.sql'"));
      expect(row!.n).toBe(1);
    } finally {
      preparation.stop();
    }
  }, 60_000);
});
