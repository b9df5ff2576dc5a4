import { sql, type SQL } from 'drizzle-orm';
import { hasPermission, requirePermission, type Module } from '../auth/permissions.js';
import type { RequestContext } from '../context.js';
import { AppError, notFound } from '../http/errors.js';
import { decodeCursor, toPage } from '../http/pagination.js';
import { toIso } from './columns.js';
import { withTenant } from './tenancy.js';
import { containsPattern } from './search.js';

/**
 * Master records that are a code, a name, a few plain fields and an active flag
 * (warehouses, suppliers, customers): one implementation of list, read, create and
 * update, each module naming its table, fields and permissions.
 */
export interface CodedRecordSpec {
  table: string;
  label: string;
  writeModule: Module;
  readModules: Module[];
  /** API field name → column name, besides id, code, name, active, createdAt, updatedAt. */
  fields: Record<string, string>;
}

export type CodedRecord = Record<string, unknown> & { id: string; code: string; name: string; active: boolean };

export interface ListQuery {
  limit: number;
  cursor?: string;
  search?: string;
  active?: 'true' | 'false';
}

export function codedRecords(spec: CodedRecordSpec) {
  const table = sql.identifier(spec.table);
  const extra = Object.entries(spec.fields);
  const columns = sql.raw(['id', 'code', 'name', 'active', 'created_at', 'updated_at', ...extra.map(([, column]) => column)].map((c) => `"${c}"`).join(', '));

  const toRecord = (row: Record<string, unknown>): CodedRecord => ({
    id: row.id as string,
    code: row.code as string,
    name: row.name as string,
    ...Object.fromEntries(extra.map(([field, column]) => [field, row[column] ?? null])),
    active: row.active as boolean,
    createdAt: toIso(row.created_at as string),
    updatedAt: toIso(row.updated_at as string),
  });

  const requireRead = (ctx: RequestContext) => {
    if (!spec.readModules.some((module) => hasPermission(ctx.permissions, module, 'read'))) {
      requirePermission(ctx, spec.readModules[0]!, 'read');
    }
  };

  const duplicate = (code: string) => new AppError('CONFLICT', `a ${spec.label} with code ${code} already exists`, [{ path: 'code', message: 'already exists' }]);

  return {
    async list(ctx: RequestContext, query: ListQuery) {
      requireRead(ctx);
      const after = decodeCursor(query.cursor);
      const pattern = containsPattern(query.search);
      const active = query.active === undefined ? null : query.active === 'true';
      return withTenant(ctx, async (tx) => {
        const result = await tx.execute(sql`select ${columns} from ${table}
          where (${after}::uuid is null or id > ${after}::uuid)
            and (${pattern}::text is null or code ilike ${pattern} or name ilike ${pattern})
            and (${active}::boolean is null or active = ${active}::boolean)
          order by id limit ${query.limit + 1}`);
        return toPage(result.rows.map(toRecord), query.limit);
      });
    },

    async get(ctx: RequestContext, id: string) {
      requireRead(ctx);
      return withTenant(ctx, async (tx) => {
        const result = await tx.execute(sql`select ${columns} from ${table} where id = ${id}`);
        if (!result.rows[0]) throw notFound(spec.label);
        return toRecord(result.rows[0]);
      });
    },

    async create(ctx: RequestContext, input: { code: string; name: string } & Record<string, unknown>) {
      requirePermission(ctx, spec.writeModule, 'write');
      const names = ['org_id', 'code', 'name', ...extra.map(([, column]) => column)];
      const values = [ctx.orgId, input.code, input.name, ...extra.map(([field]) => input[field] ?? null)];
      return withTenant(ctx, async (tx) => {
        const result = await tx.execute(sql`insert into ${table} (${sql.raw(names.map((n) => `"${n}"`).join(', '))})
          values (${sql.join(values.map((value) => sql`${value}`), sql`, `)})
          on conflict (org_id, code) do nothing returning ${columns}`);
        if (!result.rows[0]) throw duplicate(input.code);
        return toRecord(result.rows[0]);
      });
    },

    /** Deletes a record nothing refers to yet; once referenced it can only be deactivated. */
    async remove(ctx: RequestContext, id: string) {
      requirePermission(ctx, spec.writeModule, 'write');
      try {
        const deleted = await withTenant(ctx, (tx) => tx.execute(sql`delete from ${table} where id = ${id} returning id`));
        if (deleted.rows.length === 0) throw notFound(spec.label);
      } catch (error) {
        if ((error as { cause?: { code?: string } }).cause?.code === '23503' || (error as { code?: string }).code === '23503') {
          throw new AppError('CONFLICT', `this ${spec.label} is referenced by other records; deactivate it instead (PATCH active: false)`);
        }
        throw error;
      }
    },

    async update(ctx: RequestContext, id: string, input: Record<string, unknown>) {
      requirePermission(ctx, spec.writeModule, 'write');
      const assignments: SQL[] = [];
      if (input.name !== undefined) assignments.push(sql`name = ${input.name}`);
      if (input.active !== undefined) assignments.push(sql`active = ${input.active}`);
      for (const [field, column] of extra) {
        if (input[field] !== undefined) assignments.push(sql`${sql.identifier(column)} = ${input[field]}`);
      }
      return withTenant(ctx, async (tx) => {
        const result = assignments.length
          ? await tx.execute(sql`update ${table} set ${sql.join(assignments, sql`, `)} where id = ${id} returning ${columns}`)
          : await tx.execute(sql`select ${columns} from ${table} where id = ${id}`);
        if (!result.rows[0]) throw notFound(spec.label);
        return toRecord(result.rows[0]);
      });
    },
  };
}
