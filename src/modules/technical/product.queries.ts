import { sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import type { CreateProductInput, Product, UpdateProductInput } from './product.schema.js';

const columns = sql`id, code, name, type, uom, created_at, updated_at`;

const toProduct = (row: Record<string, unknown>): Product => ({
  id: row.id as string,
  code: row.code as string,
  name: row.name as string,
  type: row.type as Product['type'],
  uom: row.uom as Product['uom'],
  createdAt: toIso(row.created_at as string),
  updatedAt: toIso(row.updated_at as string),
});

export async function selectProducts(tx: Tx, filter: { after: string | null; limit: number; search?: string; type?: string }) {
  const pattern = filter.search ? `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const result = await tx.execute(sql`select ${columns} from products
    where (${filter.after}::uuid is null or id > ${filter.after}::uuid)
      and (${pattern}::text is null or code ilike ${pattern} or name ilike ${pattern})
      and (${filter.type ?? null}::text is null or type = ${filter.type ?? null})
    order by id limit ${filter.limit + 1}`);
  return result.rows.map(toProduct);
}

export async function selectProduct(tx: Tx, id: string): Promise<Product | null> {
  const result = await tx.execute(sql`select ${columns} from products where id = ${id}`);
  return result.rows[0] ? toProduct(result.rows[0]) : null;
}

/** Inserts a product; null when the code is taken. */
export async function insertProduct(tx: Tx, orgId: string, input: CreateProductInput): Promise<Product | null> {
  const result = await tx.execute(sql`insert into products (org_id, code, name, type, uom)
    values (${orgId}, ${input.code}, ${input.name}, ${input.type}, ${input.uom})
    on conflict (org_id, code) do nothing returning ${columns}`);
  return result.rows[0] ? toProduct(result.rows[0]) : null;
}

export async function updateProductRow(tx: Tx, id: string, input: UpdateProductInput): Promise<Product | null> {
  const result = await tx.execute(sql`update products set
      name = coalesce(${input.name ?? null}, name),
      type = coalesce(${input.type ?? null}, type),
      uom = coalesce(${input.uom ?? null}, uom)
    where id = ${id} returning ${columns}`);
  return result.rows[0] ? toProduct(result.rows[0]) : null;
}
