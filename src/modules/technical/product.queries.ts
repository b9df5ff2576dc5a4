import { and, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import { queryRow, queryRows } from '../../platform/db/rows.js';
import { containsPattern } from '../../platform/db/search.js';
import type { CreateProductInput, Product, UpdateProductInput } from './product.schema.js';
import { bomItems, boms, products } from './tables.js';

export type ProductRow = Omit<Product, 'allergens' | 'derivedAllergens'>;

const productColumns = {
  id: products.id,
  code: products.code,
  name: products.name,
  type: products.type,
  uom: products.uom,
  shelfLifeDays: products.shelfLifeDays,
  gtin: products.gtin,
  status: products.status,
  createdAt: products.createdAt,
  updatedAt: products.updatedAt,
};

type StoredProduct = Pick<typeof products.$inferSelect, keyof typeof productColumns>;

// Timestamps leave as ISO 8601 whatever the driver hands back.
const toProductRow = (row: StoredProduct): ProductRow => ({ ...row, createdAt: toIso(row.createdAt), updatedAt: toIso(row.updatedAt) });

export async function selectProducts(tx: Tx, filter: { after: string | null; limit: number; search?: string; ids?: string[] | null; type?: Product['type']; status?: Product['status'] }) {
  const pattern = containsPattern(filter.search);
  const conditions: (SQL | undefined)[] = [
    filter.after === null ? undefined : gt(products.id, filter.after),
    pattern === null ? undefined : or(ilike(products.code, pattern), ilike(products.name, pattern)),
    filter.type === undefined ? undefined : eq(products.type, filter.type),
    filter.status === undefined ? undefined : eq(products.status, filter.status),
    filter.ids ? inArray(products.id, filter.ids) : undefined,
  ];
  const rows = await tx
    .select(productColumns)
    .from(products)
    .where(and(...conditions))
    .orderBy(products.id)
    .limit(filter.limit + 1);
  return rows.map(toProductRow);
}

export async function selectProduct(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<ProductRow | null> {
  const query = tx.select(productColumns).from(products).where(eq(products.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ? toProductRow(row) : null;
}

/** Inserts a product; null when the code is taken. */
export async function insertProduct(tx: Tx, orgId: string, input: CreateProductInput): Promise<ProductRow | null> {
  const [row] = await tx
    .insert(products)
    .values({
      orgId,
      code: input.code,
      name: input.name,
      type: input.type,
      uom: input.uom,
      shelfLifeDays: input.shelfLifeDays ?? null,
      gtin: input.gtin ?? null,
      status: input.status ?? 'active',
    })
    .onConflictDoNothing({ target: [products.orgId, products.code] })
    .returning(productColumns);
  return row ? toProductRow(row) : null;
}

/** Changes the fields given; null clears shelfLifeDays and gtin, absent leaves them. */
export async function updateProductRow(tx: Tx, id: string, input: UpdateProductInput): Promise<ProductRow | null> {
  // Absent fields stay out of the SET; a change of allergens alone still touches the row, so its updatedAt moves.
  const [row] = await tx
    .update(products)
    .set({
      name: input.name ?? sql`${products.name}`,
      type: input.type,
      uom: input.uom,
      status: input.status,
      shelfLifeDays: input.shelfLifeDays,
      gtin: input.gtin,
    })
    .where(eq(products.id, id))
    .returning(productColumns);
  return row ? toProductRow(row) : null;
}

/** Whether any BOM makes the product or uses it as a component. */
export async function isProductInBoms(tx: Tx, id: string): Promise<boolean> {
  const row = await queryRow<{ used: boolean }>(
    tx,
    sql`select exists (select 1 from ${boms} where ${boms.productId} = ${id}) or exists (select 1 from ${bomItems} where ${bomItems.productId} = ${id}) as used`,
  );
  return row?.used === true;
}

/** What other modules need to know of a product they refer to. */
export interface ProductReference {
  id: string;
  code: string;
  uom: Product['uom'];
  shelfLifeDays: number | null;
  active: boolean;
}

/** The products among ids that exist in the organization, by id. */
export async function selectProductReferences(tx: Tx, ids: string[]): Promise<Map<string, ProductReference>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: products.id, code: products.code, uom: products.uom, shelfLifeDays: products.shelfLifeDays, status: products.status })
    .from(products)
    .where(inArray(products.id, [...new Set(ids)]));
  return new Map(rows.map(({ status, ...row }) => [row.id, { ...row, active: status === 'active' }]));
}

export interface AllergenSets {
  allergens: string[];
  derivedAllergens: string[];
}

type AllergenSetRow = { rootId: (typeof products.$inferSelect)['id']; declared: string[]; derived: string[] };

/**
 * Declared and derived allergens of many products in one recursive query: each product,
 * everything the active BOMs in force on `date` put into it at any depth, and the
 * allergens declared on all of those.
 */
export async function selectAllergenSets(tx: Tx, ids: string[], date: string): Promise<Map<string, AllergenSets>> {
  const sets = new Map<string, AllergenSets>(ids.map((id) => [id, { allergens: [], derivedAllergens: [] }]));
  if (ids.length === 0) return sets;
  const rows = await queryRows<AllergenSetRow>(
    tx,
    sql`
    with recursive reach (root_id, product_id) as (
      select p.id, p.id from products p where p.id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)
      union
      select r.root_id, bi.product_id
      from reach r
      join boms b on b.product_id = r.product_id and b.status = 'active'
        and b.effective_from <= ${date}::date and (b.effective_to is null or b.effective_to >= ${date}::date)
      join bom_items bi on bi.org_id = b.org_id and bi.bom_id = b.id
    )
    select r.root_id as "rootId",
      coalesce(jsonb_agg(distinct a.code) filter (where r.product_id = r.root_id), '[]'::jsonb) as declared,
      jsonb_agg(distinct a.code) as derived
    from reach r
    join product_allergens pa on pa.product_id = r.product_id
    join allergens a on a.id = pa.allergen_id
    group by r.root_id`,
  );
  for (const row of rows) sets.set(row.rootId, { allergens: [...row.declared].sort(), derivedAllergens: [...row.derived].sort() });
  return sets;
}
