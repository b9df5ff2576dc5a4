import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { sqlStateOf } from './sql-state.js';
import { TenantRegistry, withSystem, withTenant, withTenantReadOnly } from './tenancy.js';

// Two real databases from the migrated template: the shared one and a second that plays an
// enterprise tenant's own database (or, in the replica test, a read replica).
let shared: TestDatabase;
let second: TestDatabase;

const setup = () => ({ serverUrl: inject('serverUrl'), template: inject('template'), pgliteDump: inject('pgliteDump') });

beforeAll(async () => {
  shared = await createTestDatabase(setup());
  second = await createTestDatabase(setup());
});
afterAll(async () => {
  await shared.drop();
  await second.drop();
});

async function createOrganization(db: TestDatabase['db'], name: string, id?: string): Promise<string> {
  return withSystem(db, async (tx) => {
    const result = await tx.execute(sql`insert into organizations (id, name) values (coalesce(${id ?? null}::uuid, gen_uuid_v7()), ${name}) returning id`);
    return result.rows[0]!.id as string;
  });
}

const warehouseCodes = (registry: TenantRegistry, orgId: string) =>
  withTenant({ orgId, databases: registry }, async (tx) => (await tx.execute(sql`select code from warehouses order by code`)).rows.map((row) => row.code));

describe('the tenant registry', () => {
  it("sends an enterprise tenant's data to its own database and everyone else's to the shared one", async () => {
    const registry = new TenantRegistry(shared.db, null, new Map([['acme', second.db]]));
    const enterprise = await createOrganization(second.db, 'Enterprise');
    const small = await createOrganization(shared.db, 'Small bakery');
    registry.assign(enterprise, 'acme');

    for (const orgId of [enterprise, small]) {
      await withTenant({ orgId, databases: registry }, (tx) => tx.execute(sql`insert into warehouses (org_id, code, name) values (${orgId}, 'MAIN', 'Main')`));
    }

    const inShared = await withSystem(shared.db, async (tx) => (await tx.execute(sql`select org_id from warehouses`)).rows.map((row) => row.org_id));
    const inSecond = await withSystem(second.db, async (tx) => (await tx.execute(sql`select org_id from warehouses`)).rows.map((row) => row.org_id));
    expect(inShared).toEqual([small]);
    expect(inSecond).toEqual([enterprise]);
    expect(await warehouseCodes(registry, enterprise)).toEqual(['MAIN']);
  });

  it('reads reports from the replica, in a read-only transaction', async () => {
    const orgId = await createOrganization(shared.db, 'Replicated bakery');
    await createOrganization(second.db, 'Replicated bakery', orgId);
    await withSystem(second.db, (tx) => tx.execute(sql`insert into warehouses (org_id, code, name) values (${orgId}, 'ON-REPLICA', 'Replica only')`));
    const registry = new TenantRegistry(shared.db, second.db);
    const scope = { orgId, databases: registry };

    const codes = await withTenantReadOnly(scope, async (tx) => (await tx.execute(sql`select code from warehouses`)).rows.map((row) => row.code));
    expect(codes).toEqual(['ON-REPLICA']);
    await expect(withTenantReadOnly(scope, (tx) => tx.execute(sql`insert into warehouses (org_id, code, name) values (${orgId}, 'X', 'X')`))).rejects.toThrow();
    // Writes still go to the main database.
    expect(await warehouseCodes(registry, orgId)).toEqual([]);
  });
});

describe('the gate of a moving organization', () => {
  const fence = (db: TestDatabase['db'], orgId: string, mode: 'frozen' | 'gone' | null) =>
    withSystem(db, (tx) =>
      mode === null
        ? tx.execute(sql`delete from tenant_fences where org_id = ${orgId}`)
        : tx.execute(sql`insert into tenant_fences (org_id, mode) values (${orgId}, ${mode}) on conflict (org_id) do update set mode = excluded.mode`),
    );
  const addWarehouse = (registry: TenantRegistry, orgId: string, code: string) =>
    withTenant({ orgId, databases: registry }, (tx) => tx.execute(sql`insert into warehouses (org_id, code, name) values (${orgId}, ${code}, ${code})`));

  it('holds back the writes of a frozen organization (503 with Retry-After) while its reads go on, read only', async () => {
    const registry = new TenantRegistry(shared.db);
    const orgId = await createOrganization(shared.db, 'Frozen bakery');
    await addWarehouse(registry, orgId, 'BEFORE');
    await fence(shared.db, orgId, 'frozen');
    try {
      await expect(addWarehouse(registry, orgId, 'DURING')).rejects.toSatisfy((error) => sqlStateOf(error) === 'MP001');
      const read = { orgId, databases: registry, readsOnly: true };
      expect(await withTenant(read, async (tx) => (await tx.execute(sql`select code from warehouses`)).rows.map((row) => row.code))).toEqual(['BEFORE']);
      // A read that tries to write after all is refused by the database, not let through.
      await expect(withTenant(read, (tx) => tx.execute(sql`insert into warehouses (org_id, code, name) values (${orgId}, 'SNEAK', 'Sneak')`))).rejects.toSatisfy((error) => sqlStateOf(error) === '25006');
    } finally {
      await fence(shared.db, orgId, null);
    }
    await addWarehouse(registry, orgId, 'AFTER');
    expect(await warehouseCodes(registry, orgId)).toEqual(['AFTER', 'BEFORE']);
  });

  it('sends a server that has not heard of a move to where the organization lives now', async () => {
    const orgId = await createOrganization(shared.db, 'Moved bakery');
    await createOrganization(second.db, 'Moved bakery', orgId);
    await withSystem(shared.db, (tx) => tx.execute(sql`insert into tenant_directory (org_id, name, database) values (${orgId}, 'Moved bakery', 'acme')`));
    await fence(shared.db, orgId, 'gone');
    // This server's copy of the directory still says 'shared'.
    const registry = new TenantRegistry(shared.db, null, new Map([['acme', second.db]]));
    expect(registry.placementOf(orgId)).toBe('shared');

    await addWarehouse(registry, orgId, 'NEW-HOME');

    expect(registry.placementOf(orgId)).toBe('acme');
    const inSecond = await withSystem(second.db, async (tx) => (await tx.execute(sql`select code from warehouses where org_id = ${orgId}`)).rows.map((row) => row.code));
    expect(inSecond).toEqual(['NEW-HOME']);
    const inShared = await withSystem(shared.db, async (tx) => (await tx.execute(sql`select code from warehouses where org_id = ${orgId}`)).rows);
    expect(inShared).toEqual([]);
  });

  it('answers 503 for an organization whose database this server does not have', async () => {
    const registry = new TenantRegistry(shared.db);
    registry.assign('0190a5f0-0000-7000-8000-000000000001', 'elsewhere');
    expect(() => registry.databaseFor('0190a5f0-0000-7000-8000-000000000001')).toThrow(/not configured/);
    await expect(withTenant({ orgId: '0190a5f0-0000-7000-8000-000000000001', databases: registry }, async () => 1)).rejects.toMatchObject({ status: 503 });
  });
});
