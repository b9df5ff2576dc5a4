import { sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import type { CreateProductInput, Product, UpdateProductInput } from './product.schema.js';
import { containsPattern } from '../../platform/db/search.js';

export type ProductRow = Omit<Product, 'allergens' | 'derivedAllergens'>;

const columns = sql`id, code, name, type, uom, shelf_life_days, gtin, status, created_at, updated_at`;

const toProductRow = (row: Record<string, unknown>): ProductRow => ({
  id: row.id as string,
  code: row.code as string,
  name: row.name as string,
  type: row.type as Product['type'],
  uom: row.uom as Product['uom'],
  shelfLifeDays: row.shelf_life_days === null ? null : Number(row.shelf_life_days),
  gtin: (row.gtin as string | null) ?? null,
  status: row.status as Product['status'],
  createdAt: toIso(row.created_at as string),
  updatedAt: toIso(row.updated_at as string),
});

export async function selectProducts(tx: Tx, filter: { after: string | null; limit: number; search?: string; type?: string; status?: string }) {
  const pattern = containsPattern(filter.search);
  const result = await tx.execute(sql`select ${columns} from products
    where (${filter.after}::uuid is null or id > ${filter.after}::uuid)
      and (${pattern}::text is null or code ilike ${pattern} or name ilike ${pattern})
      and (${filter.type ?? null}::text is null or type = ${filter.type ?? null})
      and (${filter.status ?? null}::text is null or status = ${filter.status ?? null})
    order by id limit ${filter.limit + 1}`);
  return result.rows.map(toProductRow);
}

export async function selectProduct(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<ProductRow | null> {
  const result = await tx.execute(sql`select ${columns} from products where id = ${id} ${options.lock ? sql`for update` : sql``}`);
  return result.rows[0] ? toProductRow(result.rows[0]) : null;
}

/** Inserts a product; null when the code is taken. */
export async function insertProduct(tx: Tx, orgId: string, input: CreateProductInput): Promise<ProductRow | null> {
  const result = await tx.execute(sql`insert into products (org_id, code, name, type, uom, shelf_life_days, gtin, status)
    values (${orgId}, ${input.code}, ${input.name}, ${input.type}, ${input.uom}, ${input.shelfLifeDays ?? null}, ${input.gtin ?? null}, ${input.status ?? 'active'})
    on conflict (org_id, code) do nothing returning ${columns}`);
  return result.rows[0] ? toProductRow(result.rows[0]) : null;
}

/** Changes the fields given; null clears shelfLifeDays and gtin, absent leaves them. */
export async function updateProductRow(tx: Tx, id: string, input: UpdateProductInput): Promise<ProductRow | null> {
  const result = await tx.execute(sql`update products set
      name = coalesce(${input.name ?? null}, name),
      type = coalesce(${input.type ?? null}, type),
      uom = coalesce(${input.uom ?? null}, uom),
      status = coalesce(${input.status ?? null}, status),
      shelf_life_days = case when ${input.shelfLifeDays !== undefined} then ${input.shelfLifeDays ?? null}::integer else shelf_life_days end,
      gtin = case when ${input.gtin !== undefined} then ${input.gtin ?? null}::text else gtin end
    where id = ${id} returning ${columns}`);
  return result.rows[0] ? toProductRow(result.rows[0]) : null;
}

/** Whether any BOM makes the product or uses it as a component. */
export async function isProductInBoms(tx: Tx, id: string): Promise<boolean> {
  const result = await tx.execute(sql`select exists (select 1 from boms where product_id = ${id})
    or exists (select 1 from bom_items where product_id = ${id}) as used`);
  return result.rows[0]?.used === true;
}

export interface AllergenSets {
  allergens: string[];
  derivedAllergens: string[];
}

/**
 * Declared and derived allergens of many products in one recursive query: each product,
 * everything the active BOMs in force on `date` put into it at any depth, and the
 * allergens declared on all of those.
 */
export async function selectAllergenSets(tx: Tx, ids: string[], date: string): Promise<Map<string, AllergenSets>> {
  const sets = new Map<string, AllergenSets>(ids.map((id) => [id, { allergens: [], derivedAllergens: [] }]));
  if (ids.length === 0) return sets;
  const result = await tx.execute(sql`
    with recursive reach (root_id, product_id) as (
      select p.id, p.id from products p where p.id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)
      union
      select r.root_id, bi.product_id
      from reach r
      join boms b on b.product_id = r.product_id and b.status = 'active'
        and b.effective_from <= ${date}::date and (b.effective_to is null or b.effective_to >= ${date}::date)
      join bom_items bi on bi.org_id = b.org_id and bi.bom_id = b.id
    )
    select r.root_id,
      coalesce(jsonb_agg(distinct a.code) filter (where r.product_id = r.root_id), '[]'::jsonb) as declared,
      jsonb_agg(distinct a.code) as derived
    from reach r
    join product_allergens pa on pa.product_id = r.product_id
    join allergens a on a.id = pa.allergen_id
    group by r.root_id`);
  for (const row of result.rows) {
    sets.set(row.root_id as string, {
      allergens: [...(row.declared as string[])].sort(),
      derivedAllergens: [...(row.derived as string[])].sort(),
    });
  }
  return sets;
}
