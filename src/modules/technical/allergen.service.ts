import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { duplicateCode } from '../../platform/http/errors.js';
import { getOrgSettings } from '../settings/index.js';
import { insertAllergen, selectAllergens, type AllergenRow } from './allergen.queries.js';
import type { Allergen, CreateAllergenInput } from './allergen.schema.js';
import { cachedTechnicalRead, invalidateTechnicalReads } from './technical-cache.js';

/** The organization's allergens: the 14 EU ones first, then its own, named in its language. */
export async function listAllergens(ctx: RequestContext): Promise<{ items: Allergen[]; nextCursor: null }> {
  requirePermission(ctx, 'technical', 'read');
  const [rows, settings] = await Promise.all([
    cachedTechnicalRead(ctx, 'allergens', () => withTenant(ctx, (tx) => selectAllergens(tx))),
    getOrgSettings(ctx),
  ]);
  return { items: rows.map((row) => present(row, settings.locale)), nextCursor: null };
}

/** A custom allergen; codes are unique in the organization, the EU ones included. */
export async function createAllergen(ctx: RequestContext, input: CreateAllergenInput): Promise<Allergen> {
  requirePermission(ctx, 'technical', 'write');
  const nameEn = (input.nameEn ?? input.name)!;
  const row = await withTenant(ctx, async (tx) => {
    const created = await insertAllergen(tx, ctx.orgId, { code: input.code, nameEn, namePl: input.namePl ?? nameEn });
    if (created) invalidateTechnicalReads(ctx);
    return created;
  });
  if (!row) throw duplicateCode('allergen', input.code);
  const { locale } = await getOrgSettings(ctx);
  return present(row, locale);
}

function present(row: AllergenRow, locale: string): Allergen {
  return { id: row.id, code: row.code, name: locale === 'pl' ? row.namePl : row.nameEn, nameEn: row.nameEn, namePl: row.namePl, custom: row.custom };
}
