import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { systemRows } from '../../../test/factories/platform.js';
import { modules } from '../../modules/index.js';
import { platformTables, reportingModules, type ModuleManifest, type ReportingModule } from '../modules.js';
import { findTableReferences } from './table-references.js';

// A module owns its tables (DESIGN.md): its SQL names no table another module owns, except a
// reporting module (traceability, dashboard) reading what the owner's manifest declares
// readableBy it, and the platform names no module's table. Sources are found on disk and
// tables in the migrated database, so a new module, file or table is held to the same rule.

/** The migration machinery's own table, made by migrate.ts before any Drizzle definition could apply. */
const undefinedPlatformTables = new Set(['schema_migrations']);

const srcDir = fileURLToPath(new URL('../../', import.meta.url));
const modulesDir = join(srcDir, 'modules');
const platformDir = join(srcDir, 'platform');
const platformTableFiles = [join(platformDir, 'db', 'tables.ts'), join(platformDir, 'events', 'tables.ts')];

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [join(dir, entry.name)] : [],
  );
const moduleFolders = () => readdirSync(modulesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
const tablesFileOf = (module: string) => join(modulesDir, module, 'tables.ts');

/** Each tables.ts file: its exports' SQL names (export name → table). */
const drizzleTables = new Map<string, Map<string, string>>();
/** Each table's owners: module names, or 'platform'. */
const owners = new Map<string, string[]>();
let databaseTables: string[];
let database: TestDatabase;

async function loadDrizzleTables(file: string): Promise<void> {
  const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const tables = new Map<string, string>();
  for (const [name, value] of Object.entries(exports)) if (is(value, PgTable)) tables.set(name, getTableConfig(value).name);
  drizzleTables.set(file, tables);
}

function addOwner(table: string, owner: string): void {
  owners.set(table, [...(owners.get(table) ?? []), owner]);
}

beforeAll(async () => {
  for (const file of [...platformTableFiles, ...moduleFolders().map(tablesFileOf).filter((file) => existsSync(file))]) await loadDrizzleTables(file);
  for (const table of platformTables.tables) addOwner(table, 'platform');
  for (const manifest of modules) for (const table of manifest.tables) addOwner(table, manifest.name);
  database = await createTestDatabase({ serverUrl: inject('serverUrl'), template: inject('template'), pgliteDump: inject('pgliteDump') });
  const rows = await systemRows<{ name: string }>(
    database.db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
  );
  databaseTables = rows.map((row) => row.name);
});
afterAll(() => database?.drop());

/** The tables a file names, as `file: table` (relative to src/modules or src), with the first line of each. */
function namedTables(file: string): Map<string, { table: string; line: number }> {
  const knownTables = new Set([...databaseTables, ...owners.keys()]);
  const drizzleTablesOf = (specifier: string) => (specifier.startsWith('.') ? (drizzleTables.get(resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))) ?? null) : null);
  const named = new Map<string, { table: string; line: number }>();
  for (const reference of findTableReferences(readFileSync(file, 'utf8'), { tables: knownTables, drizzleTablesOf })) {
    const key = `${relative(file.startsWith(modulesDir) ? modulesDir : srcDir, file)}: ${reference.table}`;
    if (!named.has(key)) named.set(key, { table: reference.table, line: reference.line });
  }
  return named;
}

const manifestOf = (name: string) => modules.find((manifest) => manifest.name === name);
const isReporting = (module: string): module is ReportingModule => (reportingModules as readonly string[]).includes(module);

/** May `module` name `table` in its SQL: its own, a platform table the platform lets it read, or a declared read contract. */
function mayName(module: string, table: string): boolean {
  const tableOwners = owners.get(table) ?? [];
  if (tableOwners.includes(module)) return true;
  if (tableOwners.includes('platform')) return platformTables.readableBy[module]?.includes(table) ?? false;
  return isReporting(module) && tableOwners.some((owner) => manifestOf(owner)?.readableBy?.[module]?.includes(table));
}

/** Every reference a module makes outside what it may name, `file: table` → where. */
function moduleViolations(): Map<string, string> {
  const violations = new Map<string, string>();
  for (const manifest of modules) {
    for (const file of sourceFiles(join(modulesDir, manifest.name))) {
      for (const [key, { table, line }] of namedTables(file)) {
        if (!mayName(manifest.name, table)) violations.set(key, `${key} (line ${line}; owned by ${(owners.get(table) ?? ['nobody']).join(', ')})`);
      }
    }
  }
  return violations;
}

describe('the manifests', () => {
  it('one per module folder, named for it, in src/modules/index.ts', () => {
    expect(modules.map((manifest) => manifest.name).sort()).toEqual(moduleFolders().sort());
  });

  it("declare exactly the tables each module's tables.ts defines, and the platform's list exactly the platform's", () => {
    const definedIn = (file: string) => [...(drizzleTables.get(file)?.values() ?? [])];
    for (const manifest of modules) expect({ [manifest.name]: [...manifest.tables].sort() }).toEqual({ [manifest.name]: definedIn(tablesFileOf(manifest.name)).sort() });
    const platformDefined = new Set(platformTableFiles.flatMap(definedIn));
    expect([...platformTables.tables].filter((table) => !undefinedPlatformTables.has(table)).sort()).toEqual([...platformDefined].sort());
  });

  it('declare readableBy only tables the module owns, each read by that reporting module today (no stale contract)', () => {
    const reads = new Map<string, Set<string>>();
    for (const module of [...reportingModules, ...Object.keys(platformTables.readableBy)]) {
      reads.set(module, new Set(sourceFiles(join(modulesDir, module)).flatMap((file) => [...namedTables(file).values()].map((named) => named.table))));
    }
    const wrong: string[] = [];
    const check = (owner: string, owned: readonly string[], readableBy: Partial<Record<string, readonly string[]>>) => {
      for (const [reader, tables] of Object.entries(readableBy)) {
        for (const table of tables ?? []) {
          if (!owned.includes(table)) wrong.push(`${owner} declares ${table} readable by ${reader}, but does not own it`);
          else if (!reads.get(reader)?.has(table)) wrong.push(`${owner} declares ${table} readable by ${reader}, which does not read it`);
        }
      }
    };
    for (const manifest of modules as readonly ModuleManifest[]) check(manifest.name, manifest.tables, manifest.readableBy ?? {});
    check('platform', platformTables.tables, platformTables.readableBy);
    expect(wrong).toEqual([]);
  });
});

describe('every table of the migrated database', () => {
  it('has exactly one owner: a module manifest or the platform', () => {
    const wrong = databaseTables.filter((table) => owners.get(table)?.length !== 1).map((table) => `${table}: ${(owners.get(table) ?? ['no owner']).join(', ')}`);
    expect(databaseTables.length).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });

  it('and every declared table exists there', () => {
    expect([...owners.keys()].filter((table) => !databaseTables.includes(table))).toEqual([]);
  });
});

describe('a module names only its own tables', () => {
  it("names no other module's or the platform's table outside the declared read contracts", () => {
    expect([...moduleViolations().values()]).toEqual([]);
  });

  it("the platform names no module's table", () => {
    const moduleTables = new Set(modules.flatMap((manifest) => manifest.tables));
    const named = sourceFiles(platformDir).flatMap((file) => [...namedTables(file)].filter(([, { table }]) => moduleTables.has(table)).map(([key, { line }]) => `${key} (line ${line})`));
    expect(named).toEqual([]);
  });
});
