import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemRows, uniqueCode } from '../../../test/factories/platform.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';

// API.md "idempotency": a key belongs to the user who sent it (another user's identical key is
// a different key); a replay is answered only after the caller's permission for that request is
// checked again.

let server: TestServer;
let admin: Session;

beforeAll(async () => {
  server = await startTestServer({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
  admin = await server.signup();
});
afterAll(() => server.stop());

const webhookBody = () => ({ url: `http://127.0.0.1:9/${uniqueCode('hook')}`, events: ['work_order.updated'] });

async function warehousesWithCode(code: string): Promise<number> {
  const [row] = await systemRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from warehouses where code = ${code}`);
  return row!.n;
}

describe('Idempotency-Key belongs to the user who sent it', () => {
  it("a viewer sending an admin's key and body is refused, and never sees the admin's webhook secret", async () => {
    const key = uniqueCode('k1');
    const body = webhookBody();
    const created = await server.as(admin.accessToken).post('/api/v1/webhooks', body, { 'idempotency-key': key });
    expect(created.status).toBe(201);
    expect(created.body.secret).toEqual(expect.any(String));
    const viewer = await server.userWithRoles(admin, ['viewer']);
    const replayed = await server.as(viewer.accessToken).post('/api/v1/webhooks', body, { 'idempotency-key': key });
    expect(replayed.status).toBe(403);
    expect(replayed.headers['idempotent-replayed']).toBeUndefined();
    expect(JSON.stringify(replayed.body)).not.toContain(created.body.secret);
  });

  it("a viewer sending an admin's key and body for a warehouse is refused rather than answered the admin's warehouse", async () => {
    const key = uniqueCode('k1');
    const body = { code: uniqueCode('WH'), name: 'Admin only' };
    expect((await server.as(admin.accessToken).post('/api/v1/warehouses', body, { 'idempotency-key': key })).status).toBe(201);
    const viewer = await server.userWithRoles(admin, ['viewer']);
    const replayed = await server.as(viewer.accessToken).post('/api/v1/warehouses', body, { 'idempotency-key': key });
    expect(replayed.status).toBe(403);
    expect(replayed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('two users sending the same key and body each get their own effect', async () => {
    const key = uniqueCode('shared');
    const body = webhookBody();
    const other = await server.userWithRoles(admin, ['admin']);
    const mine = await server.as(admin.accessToken).post('/api/v1/webhooks', body, { 'idempotency-key': key });
    const theirs = await server.as(other.accessToken).post('/api/v1/webhooks', body, { 'idempotency-key': key });
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.secret).not.toBe(mine.body.secret);
    // And each one's retry replays their own answer.
    const myRetry = await server.as(admin.accessToken).post('/api/v1/webhooks', body, { 'idempotency-key': key });
    const theirRetry = await server.as(other.accessToken).post('/api/v1/webhooks', body, { 'idempotency-key': key });
    expect([myRetry.status, myRetry.headers['idempotent-replayed'], myRetry.body.id]).toEqual([201, 'true', mine.body.id]);
    expect([theirRetry.status, theirRetry.headers['idempotent-replayed'], theirRetry.body.id]).toEqual([201, 'true', theirs.body.id]);
  });

  it('two users of one organization may use one key for different requests', async () => {
    const key = uniqueCode('shared');
    const other = await server.userWithRoles(admin, ['admin']);
    const [first, second] = [uniqueCode('WH'), uniqueCode('WH')];
    expect((await server.as(admin.accessToken).post('/api/v1/warehouses', { code: first, name: 'First' }, { 'idempotency-key': key })).status).toBe(201);
    expect((await server.as(other.accessToken).post('/api/v1/warehouses', { code: second, name: 'Second' }, { 'idempotency-key': key })).status).toBe(201);
    expect(await warehousesWithCode(first)).toBe(1);
    expect(await warehousesWithCode(second)).toBe(1);
  });
});

describe('a replay checks the permission again', () => {
  it('a user who lost the right since the first request is refused, and nothing is done', async () => {
    const manager = await server.userWithRoles(admin, ['admin']);
    const key = uniqueCode('k');
    const body = { code: uniqueCode('WH'), name: 'Before demotion' };
    const first = await server.as(manager.accessToken).post('/api/v1/warehouses', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const demoted = await server.as(admin.accessToken).patch(`/api/v1/users/${manager.userId}`, { roles: ['viewer'] });
    expect(demoted.status).toBe(200);
    const replayed = await server.as(manager.accessToken).post('/api/v1/warehouses', body, { 'idempotency-key': key });
    expect(replayed.status).toBe(403);
    expect(replayed.headers['idempotent-replayed']).toBeUndefined();
    expect(await warehousesWithCode(body.code)).toBe(1);
  });

  it('a user who still holds the right gets the first answer again, and the work is done once', async () => {
    const key = uniqueCode('k');
    const body = { code: uniqueCode('WH'), name: 'Replayed' };
    const first = await server.as(admin.accessToken).post('/api/v1/warehouses', body, { 'idempotency-key': key });
    const again = await server.as(admin.accessToken).post('/api/v1/warehouses', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await warehousesWithCode(body.code)).toBe(1);
  });

  it('the same key on another record is a different request (409), not a replay', async () => {
    const key = uniqueCode('k');
    const first = await server.as(admin.accessToken).post('/api/v1/warehouses', { code: uniqueCode('WH'), name: 'A' }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const product = await server.as(admin.accessToken).post('/api/v1/warehouses', { code: uniqueCode('WH'), name: 'B' }, { 'idempotency-key': key });
    expect(product.status).toBe(409);
  });
});
