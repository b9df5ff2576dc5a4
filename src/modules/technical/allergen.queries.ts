import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';

export interface AllergenRow {
  id: string;
  code: string;
  nameEn: string;
  namePl: string;
  custom: boolean;
}

const toAllergen = (row: Record<string, unknown>): AllergenRow => ({
  id: row.id as string,
  code: row.code as string,
  nameEn: row.name_en as string,
  namePl: row.name_pl as string,
  custom: row.custom as boolean,
});

export async function selectAllergens(tx: Tx): Promise<AllergenRow[]> {
  const result = await tx.execute(sql`select id, code, name_en, name_pl, custom from allergens order by custom, code`);
  return result.rows.map(toAllergen);
}

/** Inserts a custom allergen; null when the code is taken. */
export async function insertAllergen(tx: Tx, orgId: string, input: { code: string; nameEn: string; namePl: string }): Promise<AllergenRow | null> {
  const result = await tx.execute(sql`insert into allergens (org_id, code, name_en, name_pl, custom)
    values (${orgId}, ${input.code}, ${input.nameEn}, ${input.namePl}, true)
    on conflict (org_id, code) do nothing returning id, code, name_en, name_pl, custom`);
  return result.rows[0] ? toAllergen(result.rows[0]) : null;
}

/** The codes among `codes` that name no allergen of the organization. */
export async function selectUnknownAllergenCodes(tx: Tx, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const result = await tx.execute(sql`select c.code from jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb) as c (code)
    where not exists (select 1 from allergens a where a.code = c.code) order by c.code`);
  return result.rows.map((row) => row.code as string);
}

/** Replaces a product's declared allergens with the given (known) codes. */
export async function replaceProductAllergens(tx: Tx, orgId: string, productId: string, codes: string[]): Promise<void> {
  await tx.execute(sql`delete from product_allergens where product_id = ${productId}`);
  if (codes.length === 0) return;
  await tx.execute(sql`insert into product_allergens (org_id, product_id, allergen_id)
    select ${orgId}, ${productId}, a.id from allergens a where a.code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`);
}
