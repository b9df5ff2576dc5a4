import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { modules, requireAnyPermission, requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { afterCommit, withTenant } from '../../platform/db/tenancy.js';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses } from '../../platform/http/schemas.js';

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

export const orgSettingsSchema = z
  .object({
    receiptQaRequired: z.boolean(),
    outputQaRequired: z.boolean(),
    overReceiptTolerancePercent: z.number(),
    expiryWarningDays: z.number().int(),
    locale: z.enum(['en', 'pl']),
    timezone: z.string(),
  })
  .meta({ id: 'OrganizationSettings' });

export const updateOrgSettingsBody = z.strictObject({
  receiptQaRequired: z.boolean().optional(),
  outputQaRequired: z.boolean().optional(),
  overReceiptTolerancePercent: z.number().min(0, 'must be 0 or more').max(1000, 'must be at most 1000').optional(),
  expiryWarningDays: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(3650).optional(),
  locale: z.enum(['en', 'pl']).optional(),
  timezone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as Europe/Warsaw').optional(),
});

export type OrgSettings = z.infer<typeof orgSettingsSchema>;
type UpdateOrgSettingsInput = z.infer<typeof updateOrgSettingsBody>;

const SETTINGS_TAG = 'settings';

/**
 * The organization's settings, cached for ten minutes and dropped on change. Every
 * module may read them (receiving needs the QA rule, expiry needs the time zone), so
 * no permission is checked here; the HTTP read below checks one.
 */
export async function getOrgSettings(ctx: RequestContext): Promise<OrgSettings> {
  return ctx.platform.cache.getOrSet({
    orgId: ctx.orgId,
    key: 'settings',
    ttl: '10m',
    tags: [SETTINGS_TAG],
    factory: () => withTenant(ctx, async (tx) => toSettings((await tx.execute(sql`select * from org_settings`)).rows[0])),
  });
}

/** Changes settings; the next request anywhere sees the change. */
export async function updateOrgSettings(ctx: RequestContext, input: UpdateOrgSettingsInput): Promise<OrgSettings> {
  requirePermission(ctx, 'settings', 'write');
  // Nothing to change: no write, so no audit entry that records only a new updated_at.
  if (Object.values(input).every((value) => value === undefined)) return getOrgSettings(ctx);
  return withTenant(ctx, async (tx) => {
    const result = await tx.execute(sql`
      update org_settings set
        receipt_qa_required = coalesce(${input.receiptQaRequired ?? null}::boolean, receipt_qa_required),
        output_qa_required = coalesce(${input.outputQaRequired ?? null}::boolean, output_qa_required),
        over_receipt_tolerance_percent = coalesce(${input.overReceiptTolerancePercent?.toString() ?? null}::numeric, over_receipt_tolerance_percent),
        expiry_warning_days = coalesce(${input.expiryWarningDays ?? null}::integer, expiry_warning_days),
        locale = coalesce(${input.locale ?? null}, locale),
        timezone = coalesce(${input.timezone ?? null}, timezone)
      returning *`);
    afterCommit(() => ctx.platform.cache.invalidateTags(ctx.orgId, [SETTINGS_TAG]));
    return toSettings(result.rows[0]);
  });
}

function toSettings(row: Record<string, unknown> | undefined): OrgSettings {
  if (!row) throw new Error('organization settings row is missing');
  return {
    receiptQaRequired: row.receipt_qa_required as boolean,
    outputQaRequired: row.output_qa_required as boolean,
    overReceiptTolerancePercent: Number(row.over_receipt_tolerance_percent),
    expiryWarningDays: Number(row.expiry_warning_days),
    locale: row.locale as OrgSettings['locale'],
    timezone: row.timezone as string,
  };
}

export const orgSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['settings'];
  app.get('/settings', { schema: { tags, response: { 200: orgSettingsSchema, ...errorResponses } } }, async (request) => {
    const ctx = contextOf(request);
    // Anyone who may read any module may read the settings that shape it.
    requireAnyPermission(ctx, modules, 'read');
    return getOrgSettings(ctx);
  });
  app.patch('/settings', { schema: { tags, body: updateOrgSettingsBody, response: { 200: orgSettingsSchema, ...errorResponses } } }, async (request) =>
    updateOrgSettings(contextOf(request), request.body),
  );
};
