import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { listAccountEmails } from '../../modules/settings/index.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServer, type Server } from '../../server.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { buildOrganizationStory, storyAnswers, type OrganizationStory } from '../../../test/factories/organization-story.js';
import { startTestServer, testConfig, type Client, type TestServer } from '../../../test/server.js';
import { SHARED_DATABASE } from '../db/directory.js';
import { exportOrganizationToFile } from './export.js';
import { importOrganization, readExportHeader } from './import.js';
import { checksumOrganization, listOrgTables } from './org-tables.js';

const freshDatabase = () => createTestDatabase({ serverUrl: inject('serverUrl'), template: inject('template'), pgliteDump: inject('pgliteDump') });

/** A server whose shared database is the given one, and a client signed in as the given user. */
async function serve(database: TestDatabase, email: string, password: string): Promise<{ server: Server; api: Client }> {
  const server = await createServer(testConfig(), { db: database.db, cachePrefix: `mp-test-${randomBytes(4).toString('hex')}` });
  const call = async (url: string, method: 'GET' | 'POST', token?: string, payload?: object) => {
    const response = await server.app.inject({ method, url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });
    const isJson = String(response.headers['content-type'] ?? '').includes('json');
    return { status: response.statusCode, body: isJson ? response.json() : response.body, headers: response.headers };
  };
  const login = await call('/api/v1/auth/login', 'POST', undefined, { email, password });
  if (login.status !== 200) throw new Error(`login after import: ${login.status} ${JSON.stringify(login.body)}`);
  const token: string = login.body.accessToken;
  const api = {
    get: (url: string) => call(url, 'GET', token),
    post: (url: string, body?: unknown) => call(url, 'POST', token, body as object),
  } as unknown as Client;
  return { server, api };
}

async function rowsOf(database: TestDatabase, orgId: string) {
  return database.db.withSession(async (session) => checksumOrganization(session, await listOrgTables(session), orgId));
}

async function directoryOf(database: TestDatabase, orgId: string) {
  return database.db.withSession((session) =>
    session.query<{ database: string; emails: string[] }>(
      'select t.database, array(select email from user_directory u where u.org_id = t.org_id order by email) as emails from tenant_directory t where t.org_id = $1',
      [orgId],
    ),
  );
}

/** The export with its header line changed (a tampered or foreign file). */
function rewriteHeader(file: string, change: (header: any) => void): string {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const header = JSON.parse(lines[0]!);
  change(header);
  lines[0] = JSON.stringify(header);
  const changed = `${file}.changed-${randomBytes(3).toString('hex')}.mpx.gz`;
  writeFileSync(changed, gzipSync(lines.join('\n')));
  return changed;
}

describe('export and import of an organization', () => {
  let source: TestServer;
  let story: OrganizationStory;
  let before: Record<string, string>;
  let file: string;
  const dir = mkdtempSync(join(tmpdir(), 'mp-export-test-'));

  beforeAll(async () => {
    source = await startTestServer();
    story = await buildOrganizationStory(source);
    before = await storyAnswers(story.world.api, story);
    file = join(dir, 'org.mpx.gz');
    await exportOrganizationToFile(source.database.db, story.world.admin.orgId, file);
  });
  afterAll(async () => {
    await source.stop();
  });

  it('answers for the organization, in a fresh database, exactly as before the export', async () => {
    const target = await freshDatabase();
    try {
      const result = await importOrganization({ shared: target.db, target: target.db, targetName: SHARED_DATABASE, accountEmails: listAccountEmails }, file);
      expect(result).toMatchObject({ orgId: story.world.admin.orgId, database: 'shared' });
      expect(await rowsOf(target, story.world.admin.orgId)).toEqual(await rowsOf(source.database, story.world.admin.orgId));
      expect(await directoryOf(target, story.world.admin.orgId)).toEqual([{ database: 'shared', emails: [story.world.admin.email.toLowerCase()] }]);
      const { server, api } = await serve(target, story.world.admin.email, story.world.admin.password);
      try {
        const after = await storyAnswers(api, story);
        expect(Object.keys(after)).toEqual(Object.keys(before));
        for (const url of Object.keys(before)) expect(after[url], url).toBe(before[url]);
        // The ledger's sequence was moved past the imported moves: the next receipt books, and follows them.
        const receipt = await api.post('/api/v1/receipts', { locationId: story.world.locations.receiving, lines: [{ productId: story.world.products.sugar, qty: 1, lot: 'AFTER' }] });
        expect(receipt.status).toBe(201);
        const seqs = await target.db.withSession((session) =>
          session.query<{ seq: number }>('select seq from stock_moves where org_id = $1 order by seq desc limit 2', [story.world.admin.orgId]),
        );
        expect(seqs[0]!.seq).toBeGreaterThan(seqs[1]!.seq);
      } finally {
        await server.close();
      }
    } finally {
      await target.drop();
    }
  });

  it('keeps exact numbers, microseconds, jsonb, arrays and nulls', async () => {
    const target = await freshDatabase();
    const orgId = story.world.admin.orgId;
    try {
      // Values a JavaScript number or a millisecond clock would not carry.
      // With the triggers off, or the audit columns trigger would set updated_at to now().
      await source.database.db.withSession((session) =>
        session.exec(
          `begin; set local session_replication_role = replica;
           update products set shelf_life_days = null, updated_at = '2026-01-02 03:04:05.123456+00' where id = '${story.world.products.sugar}'; commit`,
        ),
      );
      await source.database.db.withSession((session) =>
        session.query(`insert into webhook_endpoints (org_id, url, secret, events) values ($1, 'https://example.com/hook', 'secret-of-the-test', array['a', 'b "c"'])`, [orgId]),
      );
      await source.database.db.withSession((session) =>
        session.query(`insert into audit_log (org_id, table_name, action, new_data) values ($1, 'x', 'INSERT', '{"qty": 12345678901234567890.12345678901, "nested": [1.50, null]}')`, [orgId]),
      );
      const exactFile = join(dir, 'exact.mpx.gz');
      await exportOrganizationToFile(source.database.db, orgId, exactFile);
      await importOrganization({ shared: target.db, target: target.db, targetName: SHARED_DATABASE, accountEmails: listAccountEmails }, exactFile);
      expect(await rowsOf(target, orgId)).toEqual(await rowsOf(source.database, orgId));
      const [row] = await target.db.withSession((session) =>
        session.query<{ data: string; events: string[]; updated: string }>(
          `select (select new_data::text from audit_log where org_id = $1 and table_name = 'x') as data,
                  (select events from webhook_endpoints where org_id = $1) as events,
                  (select to_char(updated_at at time zone 'UTC', 'HH24:MI:SS.US') from products where id = $2) as updated`,
          [orgId, story.world.products.sugar],
        ),
      );
      expect(row).toEqual({ data: '{"qty": 12345678901234567890.12345678901, "nested": [1.50, null]}', events: ['a', 'b "c"'], updated: '03:04:05.123456' });
      const text = gunzipSync(readFileSync(exactFile)).toString('utf8');
      // Numeric columns are strings in the file: exact for any reader.
      expect(text).toMatch(/"qty":"12\.345(0*)"/);
    } finally {
      await target.drop();
    }
  });

  it('refuses an organization that already exists, changing nothing', async () => {
    const target = await freshDatabase();
    try {
      await importOrganization({ shared: target.db, target: target.db, targetName: SHARED_DATABASE, accountEmails: listAccountEmails }, file);
      const rows = await rowsOf(target, story.world.admin.orgId);
      await expect(importOrganization({ shared: target.db, target: target.db, targetName: SHARED_DATABASE, accountEmails: listAccountEmails }, file)).rejects.toThrow(/already exists/);
      expect(await rowsOf(target, story.world.admin.orgId)).toEqual(rows);
      // The source itself has it too (its own directory and organizations).
      await expect(importOrganization({ shared: source.database.db, target: source.database.db, targetName: SHARED_DATABASE, accountEmails: listAccountEmails }, file)).rejects.toThrow(/already exists/);
      // A database that holds its rows but is not where the directory places it (left over, say).
      const emptyDirectory = await freshDatabase();
      try {
        await expect(importOrganization({ shared: emptyDirectory.db, target: target.db, targetName: 'acme', accountEmails: listAccountEmails }, file)).rejects.toThrow(
          /already has rows in the target database \(.*products/,
        );
        expect(await directoryOf(emptyDirectory, story.world.admin.orgId)).toEqual([]);
        expect(await rowsOf(target, story.world.admin.orgId)).toEqual(rows);
      } finally {
        await emptyDirectory.drop();
      }
    } finally {
      await target.drop();
    }
  });

  it('refuses when a user email belongs to another organization there, changing nothing', async () => {
    const target = await freshDatabase();
    try {
      const other = '00000000-0000-4000-8000-000000000001';
      await target.db.withSession(async (session) => {
        await session.query(`insert into tenant_directory (org_id, name) values ($1, 'Other')`, [other]);
        await session.query('insert into user_directory (email, org_id) values ($1, $2)', [story.world.admin.email.toLowerCase(), other]);
      });
      await expect(importOrganization({ shared: target.db, target: target.db, targetName: SHARED_DATABASE, accountEmails: listAccountEmails }, file)).rejects.toThrow(/belongs to another organization/);
      expect((await rowsOf(target, story.world.admin.orgId)).every((table) => table.rows === 0)).toBe(true);
      expect(await directoryOf(target, story.world.admin.orgId)).toEqual([]);
    } finally {
      await target.drop();
    }
  });

  it('refuses a file whose checksums or version are wrong, changing nothing', async () => {
    const target = await freshDatabase();
    try {
      const tampered = rewriteHeader(file, (header) => {
        const products = header.tables.find((table: { name: string }) => table.name === 'products');
        products.checksum = String(BigInt(products.checksum) + 1n);
      });
      await expect(importOrganization({ shared: target.db, target: target.db, targetName: SHARED_DATABASE, accountEmails: listAccountEmails }, tampered)).rejects.toThrow(/products: the file announces/);
      const future = rewriteHeader(file, (header) => {
        header.version = 2;
      });
      await expect(importOrganization({ shared: target.db, target: target.db, targetName: SHARED_DATABASE, accountEmails: listAccountEmails }, future)).rejects.toThrow(/not an organization export of version 1/);
      expect((await rowsOf(target, story.world.admin.orgId)).every((table) => table.rows === 0)).toBe(true);
      expect(await directoryOf(target, story.world.admin.orgId)).toEqual([]);
    } finally {
      await target.drop();
    }
  });

  it('imports into a dedicated database, entering it in the shared directory only once the load is verified', async () => {
    const shared = await freshDatabase();
    const dedicated = await freshDatabase();
    const orgId = story.world.admin.orgId;
    try {
      const other = '00000000-0000-4000-8000-000000000002';
      await shared.db.withSession(async (session) => {
        await session.query(`insert into tenant_directory (org_id, name) values ($1, 'Other')`, [other]);
        await session.query('insert into user_directory (email, org_id) values ($1, $2)', [story.world.admin.email.toLowerCase(), other]);
      });
      const places = { shared: shared.db, target: dedicated.db, targetName: 'acme', accountEmails: listAccountEmails };
      await expect(importOrganization(places, file)).rejects.toThrow(/belongs to another organization/);
      expect((await rowsOf(dedicated, orgId)).every((table) => table.rows === 0)).toBe(true);
      expect(await directoryOf(shared, orgId)).toEqual([]);
      await shared.db.withSession((session) => session.query('delete from tenant_directory where org_id = $1', [other]));
      await importOrganization(places, file);
      // The file's own counts and checksums (the source has changed since: other tests write to it).
      const announced = (await readExportHeader(file)).tables.map((table) => ({ table: table.name, rows: table.rows, checksum: table.checksum }));
      expect(await rowsOf(dedicated, orgId)).toEqual(announced);
      expect((await rowsOf(shared, orgId)).every((table) => table.rows === 0)).toBe(true);
      expect(await directoryOf(shared, orgId)).toEqual([{ database: 'acme', emails: [story.world.admin.email.toLowerCase()] }]);
    } finally {
      await dedicated.drop();
      await shared.drop();
    }
  });
});
