import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/platform/db/database.js';

/** The server URL with another database name. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  db: Database;
  name: string;
  url: string | null;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: on a server, a database created from
 * the migrated template; embedded, a PGlite loaded from the migrated data-dir dump.
 */
export async function createTestDatabase(setup: { serverUrl?: string; template?: string; pgliteDump?: string }): Promise<TestDatabase> {
  if (setup.serverUrl && setup.template) {
    const name = `mp_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    // Made on the server itself; used through serverUrl (PgBouncer, when the run goes through it).
    const adminUrl = process.env.DATABASE_DIRECT_URL || setup.serverUrl;
    await createFromTemplate(adminUrl, name, setup.template);
    const url = withDatabaseName(setup.serverUrl, name);
    const db = openPostgres(url, 20);
    return {
      db,
      name,
      url,
      async drop() {
        await db.close();
        await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const dump = await readFile(setup.pgliteDump!);
  const db = await openPglite({ loadDataDir: new Blob([dump]) });
  return { db, name: 'pglite', url: null, drop: () => db.close() };
}

async function createFromTemplate(serverUrl: string, name: string, template: string): Promise<void> {
  // Two files copying the template at the same instant can collide; a short retry settles it.
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(serverUrl, `create database ${name} template ${template}`);
      return;
    } catch (error) {
      if (attempt >= 10 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
