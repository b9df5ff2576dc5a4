import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { adminQuery, withDatabaseName } from './database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    template: string;
    pgliteDump: string;
  }
}

/** Migrates one template database per run; every test file then starts from a copy of it. */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  // Through PgBouncer (DATABASE_URL a pooler), databases are made and migrated straight on the server.
  const directUrl = process.env.DATABASE_DIRECT_URL || serverUrl;
  if (serverUrl && directUrl) {
    const template = `mp_test_template_${process.pid}`;
    await adminQuery(directUrl, `drop database if exists ${template} with (force)`);
    await adminQuery(directUrl, `create database ${template}`);
    const db = openPostgres(withDatabaseName(directUrl, template));
    await migrate(db);
    await db.close();
    project.provide('serverUrl', serverUrl);
    project.provide('template', template);
    project.provide('pgliteDump', '');
    return async () => adminQuery(directUrl, `drop database if exists ${template} with (force)`);
  }
  const dir = join(process.cwd(), '.test-tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `template-${process.pid}.tar.gz`);
  const db = await openPglite();
  await migrate(db);
  const dump = await db.dumpDataDir!();
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('serverUrl', '');
  project.provide('template', '');
  project.provide('pgliteDump', file);
  return () => rmSync(file, { force: true });
}
