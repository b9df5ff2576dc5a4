import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { hasPermission, requirePermission, type Module } from '../auth/permissions.js';
import type { RequestContext } from '../context.js';
import { AppError, duplicateCode, notFound } from '../http/errors.js';
import { decodeCursor, idsOf, toPage } from '../http/pagination.js';
import { toIso } from './columns.js';
import { queryRow, queryRows } from './rows.js';
import { withTenant } from './tenancy.js';
import { containsPattern } from './search.js';

/** The columns every coded-record table has, typed, so a renamed column fails the typecheck where a module names its table. */
export type CodedTable = PgTable & {
  id: AnyPgColumn<{ data: string }>;
  orgId: AnyPgColumn<{ data: string }>;
  code: AnyPgColumn<{ data: string }>;
  name: AnyPgColumn<{ data: string }>;
  active: AnyPgColumn<{ data: boolean }>;
  createdAt: AnyPgColumn<{ data: string }>;
  updatedAt: AnyPgColumn<{ data: string }>;
};

/**
 * Master records that are a code, a name, a few plain fields and an active flag
 * (warehouses, suppliers, customers): one implementation of list, read, create and
 * update, each module naming its table, fields and permissions.
 */
export interface CodedRecordSpec {
  table: CodedTable;
  label: string;
  writeModule: Module;
  readModules: Module[];
  /** API field name → its column, besides id, code, name, active, createdAt, updatedAt. */
  fields: Record<string, AnyPgColumn>;
}

export type CodedRecord = Record<string, unknown> & { id: string; code: string; name: string; active: boolean };

/** A row as the select list below names it: the common columns under their own keys, each extra field under its API name. */
type CodedRow = Record<string, unknown> & { id: string; code: string; name: string; active: boolean; createdAt: string; updatedAt: string };

export interface ListQuery {
  limit: number;
  cursor?: string;
  search?: string;
  ids?: string;
  active?: 'true' | 'false';
}

export function codedRecords(spec: CodedRecordSpec) {
  const { table } = spec;
  const extra = Object.entries(spec.fields);
  const selection: [string, AnyPgColumn][] = [
    ['id', table.id],
    ['code', table.code],
    ['name', table.name],
    ['active', table.active],
    ['createdAt', table.createdAt],
    ['updatedAt', table.updatedAt],
    ...extra,
  ];
  const columns = sql.join(
    selection.map(([key, column]) => sql`${column} as ${sql.identifier(key)}`),
    sql`, `,
  );
  // Column names for insert lists and SET, where a table-qualified name is not allowed.
  const bare = (column: AnyPgColumn) => sql.identifier(column.name);

  const toRecord = (row: CodedRow): CodedRecord => ({
    id: row.id,
    code: row.code,
    name: row.name,
    ...Object.fromEntries(extra.map(([field]) => [field, row[field] ?? null])),
    active: row.active,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  });

  const requireRead = (ctx: RequestContext) => {
    if (!spec.readModules.some((module) => hasPermission(ctx.permissions, module, 'read'))) {
      requirePermission(ctx, spec.readModules[0]!, 'read');
    }
  };

  const duplicate = (code: string) => duplicateCode(spec.label, code);

  return {
    async list(ctx: RequestContext, query: ListQuery) {
      requireRead(ctx);
      const after = decodeCursor(query.cursor);
      const pattern = containsPattern(query.search);
      const active = query.active === undefined ? null : query.active === 'true';
      const ids = idsOf(query.ids);
      return withTenant(ctx, async (tx) => {
        const rows = await queryRows<CodedRow>(
          tx,
          sql`select ${columns} from ${table}
          where (${after}::uuid is null or ${table.id} > ${after}::uuid)
            and (${pattern}::text is null or ${table.code} ilike ${pattern} or ${table.name} ilike ${pattern})
            and (${active}::boolean is null or ${table.active} = ${active}::boolean)
            and (${ids === null}::boolean or ${table.id} = any(${ids === null ? null : `{${ids.join(',')}}`}::uuid[]))
          order by ${table.id} limit ${query.limit + 1}`,
        );
        return toPage(rows.map(toRecord), query.limit);
      });
    },

    async get(ctx: RequestContext, id: string) {
      requireRead(ctx);
      return withTenant(ctx, async (tx) => {
        const row = await queryRow<CodedRow>(tx, sql`select ${columns} from ${table} where ${table.id} = ${id}`);
        if (!row) throw notFound(spec.label);
        return toRecord(row);
      });
    },

    async create(ctx: RequestContext, input: { code: string; name: string } & Record<string, unknown>) {
      requirePermission(ctx, spec.writeModule, 'write');
      const names = [bare(table.orgId), bare(table.code), bare(table.name), ...extra.map(([, column]) => bare(column))];
      const values = [ctx.orgId, input.code, input.name, ...extra.map(([field]) => input[field] ?? null)];
      return withTenant(ctx, async (tx) => {
        const row = await queryRow<CodedRow>(
          tx,
          sql`insert into ${table} (${sql.join(names, sql`, `)})
          values (${sql.join(
            values.map((value) => sql`${value}`),
            sql`, `,
          )})
          on conflict (${bare(table.orgId)}, ${bare(table.code)}) do nothing returning ${columns}`,
        );
        if (!row) throw duplicate(input.code);
        return toRecord(row);
      });
    },

    /** Deletes a record nothing refers to yet; once referenced it can only be deactivated. */
    async remove(ctx: RequestContext, id: string) {
      requirePermission(ctx, spec.writeModule, 'write');
      try {
        const deleted = await withTenant(ctx, (tx) => queryRow<{ id: string }>(tx, sql`delete from ${table} where ${table.id} = ${id} returning ${table.id} as id`));
        if (!deleted) throw notFound(spec.label);
      } catch (error) {
        if ((error as { cause?: { code?: string } }).cause?.code === '23503' || (error as { code?: string }).code === '23503') {
          throw AppError.coded('CONFLICT', 'still_referenced', { entity: spec.label.replaceAll(' ', '_') }, `this ${spec.label} is referenced by other records; deactivate it instead (PATCH active: false)`);
        }
        throw error;
      }
    },

    async update(ctx: RequestContext, id: string, input: Record<string, unknown>) {
      requirePermission(ctx, spec.writeModule, 'write');
      const assignments: SQL[] = [];
      if (input.name !== undefined) assignments.push(sql`${bare(table.name)} = ${input.name}`);
      if (input.active !== undefined) assignments.push(sql`${bare(table.active)} = ${input.active}`);
      for (const [field, column] of extra) {
        if (input[field] !== undefined) assignments.push(sql`${bare(column)} = ${input[field]}`);
      }
      return withTenant(ctx, async (tx) => {
        const row = assignments.length
          ? await queryRow<CodedRow>(tx, sql`update ${table} set ${sql.join(assignments, sql`, `)} where ${table.id} = ${id} returning ${columns}`)
          : await queryRow<CodedRow>(tx, sql`select ${columns} from ${table} where ${table.id} = ${id}`);
        if (!row) throw notFound(spec.label);
        return toRecord(row);
      });
    },
  };
}
