import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
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
    const registry = new TenantRegistry(shared.db);
    const enterprise = await createOrganization(second.db, 'Enterprise');
    const small = await createOrganization(shared.db, 'Small bakery');
    registry.assign(enterprise, second.db);

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
