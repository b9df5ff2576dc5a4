import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWarehouse } from '../../../test/factories/platform.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';
import { inlineStatement } from './one-message.js';
import { readAsTenant, withTenant } from './tenancy.js';

// readAsTenant is the scanner's one-statement door: the tenancy prelude and the statement in one
// message on a server. It must keep every rule of withTenant: the app role, row level security,
// settings that end with the statement, and a literal that no input can break out of.

let server: TestServer;
let orgA: Session;
let orgB: Session;

beforeAll(async () => {
  server = await startTestServer();
  orgA = await server.signup();
  orgB = await server.signup();
  await createWarehouse(server.as(orgA.accessToken));
  await createWarehouse(server.as(orgB.accessToken));
});
afterAll(() => server.stop());

const scopeOf = (session: Session) => ({ orgId: session.orgId, userId: session.userId, databases: server.platform.databases });

describe('readAsTenant', () => {
  it('reads as the app role, for the organization and user of the scope only', async () => {
    const [who] = await readAsTenant<{ role: string; orgId: string; userId: string }>(
      scopeOf(orgA),
      sql`select current_user as role, current_setting('app.org_id', true) as "orgId", current_setting('app.user_id', true) as "userId"`,
    );
    expect(who).toEqual({ role: 'monopilot_app', orgId: orgA.orgId, userId: orgA.userId });
    const warehouses = await readAsTenant<{ orgId: string }>(scopeOf(orgA), sql`select org_id as "orgId" from warehouses`);
    expect(warehouses.length).toBeGreaterThan(0);
    expect(warehouses.every((row) => row.orgId === orgA.orgId)).toBe(true);
  });

  it('leaves nothing set on the connection after the statement', async () => {
    await readAsTenant(scopeOf(orgA), sql`select 1`);
    // Every pooled connection is asked in turn: none may still carry the role or the organization.
    const sessions = await Promise.all(
      Array.from({ length: 4 }, () =>
        server.platform.db.withSession((session) => session.query<{ role: string; org: string | null }>(`select current_user as role, current_setting('app.org_id', true) as org`)),
      ),
    );
    for (const [row] of sessions) {
      expect(row!.role).not.toBe('monopilot_app');
      expect(row!.org ?? '').toBe('');
    }
  });

  it('treats any text as a value, never as SQL', async () => {
    const tricks = ["x'; select set_config('app.org_id', '00000000-0000-0000-0000-000000000000', true); --", "\\'; drop table warehouses; --", "O'Brien", 'back\\slash'];
    for (const text of tricks) {
      const [row] = await readAsTenant<{ value: string }>(scopeOf(orgA), sql`select ${text}::text as value`);
      expect(row!.value).toBe(text);
    }
    expect((await readAsTenant(scopeOf(orgA), sql`select 1 from warehouses`)).length).toBeGreaterThan(0);
  });

  it('joins an open transaction of the same organization and sees its uncommitted change', async () => {
    await withTenant(scopeOf(orgB), async (tx) => {
      await tx.execute(sql`update warehouses set name = 'seen inside' where org_id = ${orgB.orgId}`);
      const rows = await readAsTenant<{ name: string }>(scopeOf(orgB), sql`select name from warehouses`);
      expect(rows.every((row) => row.name === 'seen inside')).toBe(true);
    });
  });

  it('refuses values it cannot write as literals', () => {
    expect(() => inlineStatement(sql`select ${new Date()}`)).toThrow(/text, numbers, booleans and null/);
    expect(() => inlineStatement(sql`select ${{ json: 'object' }}`)).toThrow(/text, numbers, booleans and null/);
    // A list is Drizzle's own: each member its own literal.
    expect(inlineStatement(sql`select ${['a', "b'"]}`)).toBe("select ('a', 'b''')");
    expect(inlineStatement(sql`select ${"it's"}, ${2}, ${null}`)).toBe("select 'it''s', 2, null");
  });
});
