import { asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/rows.js';
import { allergens, productAllergens } from './tables.js';

const allergenColumns = { id: allergens.id, code: allergens.code, nameEn: allergens.nameEn, namePl: allergens.namePl, custom: allergens.custom };

export type AllergenRow = Pick<typeof allergens.$inferSelect, keyof typeof allergenColumns>;

export async function selectAllergens(tx: Tx): Promise<AllergenRow[]> {
  return tx.select(allergenColumns).from(allergens).orderBy(asc(allergens.custom), asc(allergens.code));
}

/** Inserts a custom allergen; null when the code is taken. */
export async function insertAllergen(tx: Tx, orgId: string, input: { code: string; nameEn: string; namePl: string }): Promise<AllergenRow | null> {
  const [row] = await tx
    .insert(allergens)
    .values({ orgId, code: input.code, nameEn: input.nameEn, namePl: input.namePl, custom: true })
    .onConflictDoNothing({ target: [allergens.orgId, allergens.code] })
    .returning(allergenColumns);
  return row ?? null;
}

/** The codes among `codes` that name no allergen of the organization. */
export async function selectUnknownAllergenCodes(tx: Tx, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await queryRows<Pick<typeof allergens.$inferSelect, 'code'>>(
    tx,
    sql`select c.code from jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb) as c (code)
      where not exists (select 1 from ${allergens} where ${allergens.code} = c.code) order by c.code`,
  );
  return rows.map((row) => row.code);
}

/** Replaces a product's declared allergens with the given (known) codes. */
export async function replaceProductAllergens(tx: Tx, orgId: string, productId: string, codes: string[]): Promise<void> {
  await tx.delete(productAllergens).where(eq(productAllergens.productId, productId));
  if (codes.length === 0) return;
  await tx.execute(sql`insert into product_allergens (org_id, product_id, allergen_id)
    select ${orgId}, ${productId}, a.id from allergens a where a.code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`);
}
