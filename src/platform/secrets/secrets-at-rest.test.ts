import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabaseName } from '../../../test/database.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';
import { WEBHOOK_SECRET_PURPOSE } from '../events/webhook.queries.js';
import { countNotUnder, rotateSecrets } from './rotate.js';
import { keyIdOf, secretBoxOf } from './secret-box.js';

const run = promisify(execFile);
const PG_DUMP = '/usr/lib/postgresql/15/bin/pg_dump';
const oldKey = randomBytes(32).toString('base64');
const newKey = randomBytes(32).toString('base64');
const canary = `whsec_canary_${randomBytes(8).toString('hex')}`;

let server: TestServer;
let admin: Session;

/** Every row of every table as text, as a dump would hold it (and pg_dump's own output on a server). */
async function everythingStored(target: TestServer): Promise<string> {
  const rows = await target.database.db.withSession(async (session) => {
    const tables = await session.query<{ name: string }>("select quote_ident(tablename) as name from pg_tables where schemaname = 'public'");
    const texts: string[] = [];
    for (const { name } of tables) for (const row of await session.query<{ t: string }>(`select t::text as t from ${name} t`)) texts.push(row.t);
    return texts.join('\n');
  });
  if (!target.database.url || !existsSync(PG_DUMP)) return rows;
  // Straight to PostgreSQL when the run goes through PgBouncer: a dump needs a session of its own.
  const url = process.env.DATABASE_DIRECT_URL ? withDatabaseName(process.env.DATABASE_DIRECT_URL, target.database.name) : target.database.url;
  const { stdout } = await run(PG_DUMP, ['--dbname', url], { maxBuffer: 256 * 1024 * 1024 });
  return `${rows}\n${stdout}`;
}

describe('secrets at rest', () => {
  beforeAll(async () => {
    server = await startTestServer({ MASTER_KEY: oldKey, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
    admin = await server.signup();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('a database dump alone reveals no webhook secret, not even in the stored replay of the answer that gave it', async () => {
    const created = await server.as(admin.accessToken).post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['receipt.created'], secret: canary }, { 'idempotency-key': 'canary-hook' });
    expect(created.status).toBe(201);
    expect(created.body.secret).toBe(canary);
    const replayed = await server.as(admin.accessToken).post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['receipt.created'], secret: canary }, { 'idempotency-key': 'canary-hook' });
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body.secret).toBe(canary);
    const stored = await everythingStored(server);
    expect(stored).toContain(`mp1:${keyIdOf(Buffer.from(oldKey, 'base64'))}:`);
    expect(stored).not.toContain(canary);
  });

  it('rotates every secret to a new key while servers holding both keep working, then needs only the new one', async () => {
    await server.as(admin.accessToken).post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/second', events: ['receipt.created'] });
    const rotating = secretBoxOf({ MASTER_KEY: newKey, MASTER_KEY_PREVIOUS: oldKey });
    const result = await rotateSecrets(server.database.db, rotating);
    expect(result.webhookSecrets).toBeGreaterThanOrEqual(2);
    expect(result.storedReplays).toBeGreaterThanOrEqual(1);
    expect(result.left).toBe(0);
    expect(await rotateSecrets(server.database.db, rotating)).toEqual({ webhookSecrets: 0, storedReplays: 0, left: 0 });

    const onlyNew = await startTestServer({ MASTER_KEY: newKey, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' }, server.database);
    try {
      const replayed = await onlyNew.as(admin.accessToken).post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['receipt.created'], secret: canary }, { 'idempotency-key': 'canary-hook' });
      expect(replayed.body, JSON.stringify(replayed.body)).toMatchObject({ secret: canary });
      const secrets = await onlyNew.database.db.withSession((session) => session.query<{ secret: string }>("select secret from webhook_endpoints where url = 'http://127.0.0.1:9/hook'"));
      expect(secretBoxOf({ MASTER_KEY: newKey }).open(secrets[0]!.secret, WEBHOOK_SECRET_PURPOSE)).toBe(canary);
      expect(() => secretBoxOf({ MASTER_KEY: oldKey }).open(secrets[0]!.secret, WEBHOOK_SECRET_PURPOSE)).toThrow(/neither MASTER_KEY nor MASTER_KEY_PREVIOUS/);
      expect(await onlyNew.database.db.withSession((session) => countNotUnder(session, secretBoxOf({ MASTER_KEY: newKey })))).toBe(0);
    } finally {
      await onlyNew.close();
    }
  });
});
