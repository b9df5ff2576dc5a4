import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asAppRole,
  createCustomer,
  createProduct,
  createRole,
  createSupplier,
  createWarehouse,
  refusal,
  systemRows,
  uniqueCode,
} from '../../../test/factories/platform.js';
import { seedFloorQualityRecords } from '../../../test/factories/floor-quality.js';
import { seedQualityRecords } from '../../../test/factories/quality.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';
import type { Database } from './database.js';

// The tenancy invariant of DESIGN.md, checked against the catalog of the migrated database
// and against data of two organizations. Tables are found in the catalog, never listed by
// hand, so a table added tomorrow is held to the same rules.

const APP_ROLE = 'monopilot_app';

interface TableInfo {
  name: string;
  oid: number;
  rls: boolean;
  forced: boolean;
  hasOrgId: boolean;
  orgIdAttnum: number | null;
}

let server: TestServer;
let db: Database;
let orgA: Session;
let orgB: Session;
let tables: TableInfo[];
/** Tables whose rows are isolated: those with org_id, and those under row level security (organizations). */
let tenantTables: TableInfo[];

const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`);
/** The column that names a row's organization: org_id, or id for the organizations table itself. */
const orgColumn = (table: TableInfo) => (table.hasOrgId ? 'org_id' : 'id');

async function seedOrganization(session: Session): Promise<void> {
  const client = server.as(session.accessToken);
  const warehouse = await createWarehouse(client);
  await client.patch(`/api/v1/warehouses/${warehouse.id}`, { name: 'Renamed warehouse' });
  await client.post('/api/v1/warehouses', { code: uniqueCode('WH'), name: 'Retried' }, { 'idempotency-key': uniqueCode('key') });
  const location = await client.post('/api/v1/locations', { warehouseId: warehouse.id, code: uniqueCode('L'), name: 'Rack 1', type: 'storage' });
  if (location.status !== 201) throw new Error(`location: ${location.status} ${JSON.stringify(location.body)}`);
  await createSupplier(client);
  await createCustomer(client);
  await createRole(client);
  await server.userWithRoles(session, ['operator']);
  const flour = await createProduct(client);
  const bread = await createProduct(client, { name: 'Bread', type: 'finished', uom: 'pcs' });
  // Technical tables without routes yet are filled directly, as the owner.
  await systemRows(db, sql`insert into org_counters (org_id, name, value) values (${session.orgId}, 'test', 1)`);
  await systemRows(db, sql`insert into product_allergens (org_id, product_id, allergen_id)
    select ${session.orgId}, ${flour.id}, id from allergens where org_id = ${session.orgId} and code = 'gluten'`);
  const [bom] = await systemRows<{ id: string }>(db, sql`insert into boms (org_id, product_id, version, output_qty, effective_from)
    values (${session.orgId}, ${bread.id}, 1, 10, '2026-01-01') returning id`);
  await systemRows(db, sql`insert into bom_items (org_id, bom_id, line_no, product_id, qty) values (${session.orgId}, ${bom!.id}, 1, ${flour.id}, 5)`);
  // A receipt, its plate and ledger, and one of each quality record (inspection, results, NCR, signature, document).
  await seedQualityRecords(server, session, { productId: flour.id, locationId: location.body.id });
  // A lot-wide hold of that lot, a CCP reading outside its limits, a line and its changeover check.
  await seedFloorQualityRecords(server, session, { productId: flour.id, lot: 'Q-SEED', warehouseId: warehouse.id });
}

beforeAll(async () => {
  server = await startTestServer();
  db = server.database.db;
  orgA = await server.signup();
  orgB = await server.signup();
  await seedOrganization(orgA);
  await seedOrganization(orgB);
  tables = (
    await systemRows<{ name: string; oid: number; rls: boolean; forced: boolean; org_id_attnum: number | null }>(
      db,
      sql`select c.relname as name, c.oid::int as oid, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
             (select a.attnum::int from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped) as org_id_attnum
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
    )
  ).map((row) => ({ name: row.name, oid: row.oid, rls: row.rls, forced: row.forced, hasOrgId: row.org_id_attnum !== null, orgIdAttnum: row.org_id_attnum }));
  tables = tables.filter((table) => !directoryTables.includes(table.name));
  tenantTables = tables.filter((table) => table.hasOrgId || table.rls);
});

/**
 * The directory of placements (migration 0014) names organizations but holds none of their data:
 * it is read through the system door before any organization is known, so it is not under row
 * level security. What keeps it safe is that the app role cannot touch it (checked below).
 */
const directoryTables = ['tenant_directory', 'user_directory'];
afterAll(() => server.stop());

describe('the catalog', () => {
  it('finds the tenant tables of the platform and master data', () => {
    const names = tenantTables.map((table) => table.name);
    for (const expected of ['organizations', 'users', 'roles', 'user_roles', 'refresh_tokens', 'audit_log', 'idempotency_keys', 'org_counters', 'warehouses', 'locations', 'org_settings', 'suppliers', 'customers', 'products', 'allergens', 'product_allergens', 'boms', 'bom_items',
      'receipts', 'receipt_lines', 'license_plates', 'stock_moves', 'specifications', 'specification_parameters', 'inspections', 'inspection_license_plates',
      'inspection_results', 'ncrs', 'ncr_license_plates', 'signatures', 'documents', 'holds', 'hold_license_plates', 'haccp_ccps', 'haccp_readings',
      'production_lines', 'line_changeovers']) {
      expect(names).toContain(expected);
    }
  });

  it('the app role cannot read or change the directory', async () => {
    const rights = await systemRows<{ name: string; privileges: string | null }>(
      db,
      sql`select t.name, string_agg(p.privilege, ',' order by p.privilege) as privileges
          from unnest(${`{${directoryTables.join(',')}}`}::text[]) as t(name)
          left join lateral unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) as p(privilege)
            on has_table_privilege(${APP_ROLE}, t.name, p.privilege)
          group by t.name order by t.name`,
    );
    expect(rights).toEqual([
      { name: 'tenant_directory', privileges: null },
      { name: 'user_directory', privileges: null },
    ]);
  });

  it('every table with org_id has row level security enabled and forced', () => {
    const weak = tables.filter((table) => table.hasOrgId && !(table.rls && table.forced)).map((table) => `${table.name} (enabled ${table.rls}, forced ${table.forced})`);
    expect(weak).toEqual([]);
  });

  it('every tenant table has a policy for all commands with USING and WITH CHECK on its organization, and no policy that opens it wider', async () => {
    const problems: string[] = [];
    for (const table of tenantTables) {
      const policies = await systemRows<{ name: string; cmd: string; permissive: boolean; qual: string | null; check: string | null }>(
        db,
        sql`select polname as name, polcmd::text as cmd, polpermissive as permissive,
               pg_get_expr(polqual, polrelid) as qual, pg_get_expr(polwithcheck, polrelid) as check
            from pg_policy where polrelid = ${table.oid}::oid`,
      );
      const column = orgColumn(table);
      const scoped = (expression: string | null) =>
        expression !== null && new RegExp(`^\\(*${column} = `).test(expression) && expression.includes("current_setting('app.org_id'");
      if (!policies.some((policy) => policy.cmd === '*' && scoped(policy.qual) && scoped(policy.check))) {
        problems.push(`${table.name}: no policy for all commands with USING and WITH CHECK on ${column}`);
      }
      for (const policy of policies.filter((p) => p.permissive)) {
        if ((policy.qual !== null && !scoped(policy.qual)) || (policy.check !== null && !scoped(policy.check))) {
          problems.push(`${table.name}: policy ${policy.name} is not scoped to the organization (${policy.qual} / ${policy.check})`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('every table the app role may touch is under forced row level security', async () => {
    const open = await systemRows<{ name: string }>(
      db,
      sql`select n.nspname || '.' || c.relname as name
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p', 'm', 'f')
            and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
            and has_table_privilege(${APP_ROLE}, c.oid, 'SELECT, INSERT, UPDATE, DELETE')
            and not (c.relrowsecurity and c.relforcerowsecurity)`,
    );
    expect(open.map((row) => row.name)).toEqual([]);
  });

  it('every view is security_invoker, so row level security applies to whoever reads it', async () => {
    const views = await systemRows<{ name: string }>(
      db,
      sql`select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind = 'v' and n.nspname not in ('pg_catalog', 'information_schema')
            and not coalesce(c.reloptions::text[] && array['security_invoker=true', 'security_invoker=on', 'security_invoker=1'], false)`,
    );
    expect(views.map((row) => row.name)).toEqual([]);
  });

  it('the app role is no superuser, cannot bypass row level security, belongs to no other role and owns nothing', async () => {
    const [role] = await systemRows<{ oid: number; rolsuper: boolean; rolbypassrls: boolean }>(
      db,
      sql`select oid::int as oid, rolsuper, rolbypassrls from pg_roles where rolname = ${APP_ROLE}`,
    );
    expect(role).toMatchObject({ rolsuper: false, rolbypassrls: false });
    const memberships = await systemRows(db, sql`select roleid from pg_auth_members where member = ${role!.oid}::oid`);
    expect(memberships).toEqual([]);
    const owned = await systemRows<{ name: string }>(
      db,
      sql`select relname as name from pg_class where relowner = ${role!.oid}::oid
          union all select nspname from pg_namespace where nspowner = ${role!.oid}::oid
          union all select proname from pg_proc where proowner = ${role!.oid}::oid`,
    );
    expect(owned.map((row) => row.name)).toEqual([]);
  });

  it('the app role has TRUNCATE on nothing', async () => {
    const truncatable = await systemRows<{ name: string }>(
      db,
      sql`select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
            and has_table_privilege(${APP_ROLE}, c.oid, 'TRUNCATE')`,
    );
    expect(truncatable.map((row) => row.name)).toEqual([]);
  });

  it('no function runs with its owner rights (SECURITY DEFINER would step around row level security)', async () => {
    const definers = await systemRows<{ name: string }>(
      db,
      sql`select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.prosecdef`,
    );
    expect(definers.map((row) => row.name)).toEqual([]);
  });

  it('every tenant table has an index that starts with org_id', async () => {
    const missing: string[] = [];
    for (const table of tenantTables.filter((t) => t.hasOrgId)) {
      const [row] = await systemRows<{ found: boolean }>(
        db,
        sql`select exists (select 1 from pg_index where indrelid = ${table.oid}::oid and indkey[0] = ${table.orgIdAttnum}) as found`,
      );
      if (!row!.found) missing.push(table.name);
    }
    expect(missing).toEqual([]);
  });

  it('every foreign key between tenant tables includes org_id on both sides, so no row can point into another organization', async () => {
    const keys = await systemRows<{ name: string; from_table: string; to_table: string; columns: string[]; referenced: string[] }>(
      db,
      sql`select con.conname as name, src.relname as from_table, dst.relname as to_table,
             array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, i) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.i) as columns,
             array(select a.attname::text from unnest(con.confkey) with ordinality k(attnum, i) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum order by k.i) as referenced
          from pg_constraint con
          join pg_class src on src.oid = con.conrelid join pg_class dst on dst.oid = con.confrelid
          join pg_namespace n on n.oid = src.relnamespace
          where con.contype = 'f' and n.nspname = 'public'`,
    );
    const orgTables = new Set(tenantTables.filter((t) => t.hasOrgId).map((t) => t.name));
    const loose = keys
      .filter((key) => orgTables.has(key.from_table) && orgTables.has(key.to_table))
      .filter((key) => key.columns.indexOf('org_id') < 0 || key.columns.indexOf('org_id') !== key.referenced.indexOf('org_id'))
      .map((key) => `${key.from_table}.${key.name} (${key.columns.join(', ')}) -> ${key.to_table} (${key.referenced.join(', ')})`);
    expect(loose).toEqual([]);
  });
});

describe('rows of every tenant table', () => {
  it('the test data reaches the platform and master data tables in both organizations', async () => {
    const empty: string[] = [];
    for (const table of tenantTables) {
      const column = ident(orgColumn(table));
      const [row] = await systemRows<{ a: number; b: number }>(
        db,
        sql`select count(*) filter (where ${column} = ${orgA.orgId})::int as a, count(*) filter (where ${column} = ${orgB.orgId})::int as b from ${ident(table.name)}`,
      );
      if (row!.a === 0 || row!.b === 0) empty.push(table.name);
    }
    // Tables of modules still being built may be empty here; these must not be.
    for (const name of ['organizations', 'users', 'roles', 'user_roles', 'refresh_tokens', 'audit_log', 'idempotency_keys', 'org_counters', 'warehouses', 'locations', 'org_settings', 'suppliers', 'customers', 'products', 'allergens', 'product_allergens', 'boms', 'bom_items',
      'receipts', 'receipt_lines', 'license_plates', 'stock_moves', 'specifications', 'specification_parameters', 'inspections', 'inspection_license_plates',
      'inspection_results', 'ncrs', 'ncr_license_plates', 'signatures', 'documents', 'holds', 'hold_license_plates', 'haccp_ccps', 'haccp_readings',
      'production_lines', 'line_changeovers']) {
      expect(empty).not.toContain(name);
    }
  });

  it('with no organization set, every tenant table reads as empty, without an error', async () => {
    const leaks: string[] = [];
    for (const table of tenantTables) {
      const outcome = await asAppRole(db, null, async (tx) => (await tx.execute(sql`select count(*)::int as n from ${ident(table.name)}`)).rows[0]!.n as number).then(
        (count) => (count === 0 ? null : `${table.name}: ${count} rows`),
        (error: unknown) => `${table.name}: ${(error as Error).message}`,
      );
      if (outcome) leaks.push(outcome);
    }
    expect(leaks).toEqual([]);
  });

  it('with the organization reset to an empty string, every tenant table still reads as empty, without an error', async () => {
    const leaks: string[] = [];
    for (const table of tenantTables) {
      const outcome = await db.orm
        .transaction(async (tx) => {
          await tx.execute(sql`select set_config('role', ${APP_ROLE}, true), set_config('app.org_id', '', true)`);
          return (await tx.execute(sql`select count(*)::int as n from ${ident(table.name)}`)).rows[0]!.n as number;
        })
        .then(
          (count) => (count === 0 ? null : `${table.name}: ${count} rows`),
          (error: unknown) => `${table.name}: ${(error as Error).message}`,
        );
      if (outcome) leaks.push(outcome);
    }
    expect(leaks).toEqual([]);
  });

  it("inside an organization's context, every tenant table shows exactly that organization's rows", async () => {
    const wrong: string[] = [];
    for (const table of tenantTables) {
      const column = ident(orgColumn(table));
      const [expected] = await systemRows<{ n: number }>(db, sql`select count(*)::int as n from ${ident(table.name)} where ${column} = ${orgA.orgId}`);
      const seen = await asAppRole(db, orgA.orgId, async (tx) => {
        const result = await tx.execute(sql`select count(*)::int as n, count(*) filter (where ${column} <> ${orgA.orgId})::int as foreign from ${ident(table.name)}`);
        return result.rows[0] as { n: number; foreign: number };
      });
      if (seen.n !== expected!.n || seen.foreign !== 0) wrong.push(`${table.name}: saw ${seen.n} (${seen.foreign} foreign), owns ${expected!.n}`);
    }
    expect(wrong).toEqual([]);
  });

  it("inside org B's context, inserting a row that carries org A's id is refused by row level security, for every tenant table", async () => {
    const accepted: string[] = [];
    let tried = 0;
    for (const table of tenantTables.filter((t) => t.hasOrgId)) {
      const [canInsert] = await systemRows<{ ok: boolean }>(db, sql`select has_table_privilege(${APP_ROLE}, ${table.oid}::oid, 'INSERT') as ok`);
      const [source] = await systemRows<{ row: Record<string, unknown> }>(db, sql`select to_jsonb(t) as row from ${ident(table.name)} t where org_id = ${orgA.orgId} limit 1`);
      if (!canInsert!.ok || !source) continue;
      tried++;
      // A copy of one of A's rows under a new id: every reference in it points at A's own rows,
      // so nothing but the policy stands in its way.
      const row = { ...source.row, ...('id' in source.row ? { id: crypto.randomUUID() } : {}) };
      const columns = await insertableColumns(table.oid);
      const list = sql.raw(columns.map((c) => `"${c}"`).join(', '));
      const error = await refusal(() =>
        asAppRole(db, orgB.orgId, (tx) =>
          tx.execute(sql`insert into ${ident(table.name)} (${list}) overriding system value
            select ${list} from jsonb_populate_record(null::${ident(table.name)}, ${JSON.stringify(row)}::jsonb)`),
        ),
      );
      if (!error || error.code !== '42501' || !/row-level security/.test(error.message)) accepted.push(`${table.name}: ${error ? error.message : 'inserted'}`);
    }
    expect(accepted).toEqual([]);
    expect(tried).toBeGreaterThanOrEqual(12);
  });

  it("inside org B's context, updating one of B's rows to carry org A's id is refused by row level security, for every tenant table", async () => {
    const accepted: string[] = [];
    let tried = 0;
    for (const table of tenantTables.filter((t) => t.hasOrgId)) {
      const [canUpdate] = await systemRows<{ ok: boolean }>(db, sql`select has_column_privilege(${APP_ROLE}, ${table.oid}::oid, 'org_id', 'UPDATE') as ok`);
      const [owned] = await systemRows<{ n: number }>(db, sql`select count(*)::int as n from ${ident(table.name)} where org_id = ${orgB.orgId}`);
      if (!canUpdate!.ok || owned!.n === 0) continue;
      tried++;
      const error = await refusal(() =>
        asAppRole(db, orgB.orgId, (tx) =>
          tx.execute(sql`update ${ident(table.name)} set org_id = ${orgA.orgId} where ctid = (select ctid from ${ident(table.name)} limit 1)`),
        ),
      );
      if (!error || error.code !== '42501' || !/row-level security/.test(error.message)) accepted.push(`${table.name}: ${error ? error.message : 'updated'}`);
    }
    expect(accepted).toEqual([]);
    expect(tried).toBeGreaterThanOrEqual(10);
  });

  it("inside org B's context, org A's rows cannot be updated or deleted: they are simply not there", async () => {
    const touched: string[] = [];
    for (const table of tenantTables.filter((t) => t.hasOrgId)) {
      const [privileges] = await systemRows<{ upd: boolean; del: boolean }>(
        db,
        sql`select has_table_privilege(${APP_ROLE}, ${table.oid}::oid, 'UPDATE') as upd, has_table_privilege(${APP_ROLE}, ${table.oid}::oid, 'DELETE') as del`,
      );
      // Whatever happens is rolled back, so a failure here cannot spoil the other tests.
      const counts = await asAppRole(db, orgB.orgId, async (tx) => {
        const updated = privileges!.upd ? (await tx.execute(sql`update ${ident(table.name)} set org_id = org_id where org_id = ${orgA.orgId} returning 1`)).rows.length : 0;
        const deleted = privileges!.del ? (await tx.execute(sql`delete from ${ident(table.name)} where org_id = ${orgA.orgId} returning 1`)).rows.length : 0;
        throw new RolledBack({ updated, deleted });
      }).catch((error: unknown) => {
        if (error instanceof RolledBack) return error.counts;
        throw error;
      });
      if (counts.updated || counts.deleted) touched.push(`${table.name}: ${JSON.stringify(counts)}`);
    }
    expect(touched).toEqual([]);
    const [stillThere] = await systemRows<{ n: number }>(db, sql`select count(*)::int as n from warehouses where org_id = ${orgA.orgId}`);
    expect(stillThere!.n).toBeGreaterThan(0);
  });
});

class RolledBack extends Error {
  constructor(readonly counts: { updated: number; deleted: number }) {
    super('rolled back on purpose');
  }
}

async function insertableColumns(oid: number): Promise<string[]> {
  const rows = await systemRows<{ name: string }>(
    db,
    sql`select attname as name from pg_attribute where attrelid = ${oid}::oid and attnum > 0 and not attisdropped and attgenerated = '' order by attnum`,
  );
  return rows.map((row) => row.name);
}

describe('the doors to tenant data', () => {
  const modulesDir = fileURLToPath(new URL('../../modules', import.meta.url));
  /**
   * The named cross-tenant operations: sign-up, sign-in by email, token refresh and logout;
   * and, for the warehouse's daily expiry job, every organization's warning window.
   */
  const systemDoorAllowed = new Set(['settings/auth.service.ts', 'settings/expiry-warnings.ts', 'settings/email-claims.ts']);
  const sourceFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [join(dir, entry.name)] : [],
    );

  it('module code reaches the database only through withTenant (or withTenantReadOnly), and withSystem only where it is named', () => {
    const forbidden: [RegExp, string][] = [
      [/\.orm\b/, 'uses the raw Drizzle handle'],
      [/\bwithSession\b/, 'opens a raw session'],
      [/databases\.(main|replica|databaseFor|readDatabaseFor|all)\b/, 'picks a database itself'],
      [/from ['"](pg|@electric-sql\/pglite|drizzle-orm\/node-postgres|drizzle-orm\/pglite)['"]/, 'imports a driver'],
    ];
    const offences: string[] = [];
    for (const file of sourceFiles(modulesDir)) {
      const name = relative(modulesDir, file);
      const text = readFileSync(file, 'utf8');
      for (const [pattern, what] of forbidden) if (pattern.test(text)) offences.push(`${name} ${what}`);
      if (/\bwithSystem\(/.test(text) && !systemDoorAllowed.has(name)) offences.push(`${name} uses withSystem`);
    }
    expect(sourceFiles(modulesDir).length).toBeGreaterThan(10);
    expect(offences).toEqual([]);
  });
});
