import { modules, requireAnyPermission, requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { afterCommit, withTenant } from '../../platform/db/tenancy.js';
import { selectOrgSettings, updateOrgSettingsRow } from './org-settings.queries.js';
import type { OrgSettings, UpdateOrgSettingsInput } from './org-settings.schema.js';

const SETTINGS_TAG = 'settings';

/**
 * The organization's settings, cached for ten minutes and dropped on change. Every
 * module may read them (receiving needs the QA rule, expiry needs the time zone), so
 * no permission is checked here; the HTTP read (readOrgSettings) checks one.
 */
export async function getOrgSettings(ctx: RequestContext): Promise<OrgSettings> {
  return ctx.platform.cache.getOrSet({
    orgId: ctx.orgId,
    key: 'settings',
    ttl: '10m',
    tags: [SETTINGS_TAG],
    factory: () => withTenant(ctx, selectOrgSettings),
  });
}

/** The settings for the caller to see: anyone who may read any module may read the settings that shape it. */
export async function readOrgSettings(ctx: RequestContext): Promise<OrgSettings> {
  requireAnyPermission(ctx, modules, 'read');
  return getOrgSettings(ctx);
}

/** Changes settings; the next request anywhere sees the change. */
export async function updateOrgSettings(ctx: RequestContext, input: UpdateOrgSettingsInput): Promise<OrgSettings> {
  requirePermission(ctx, 'settings', 'write');
  // Nothing to change: no write, so no audit entry that records only a new updated_at.
  if (Object.values(input).every((value) => value === undefined)) return getOrgSettings(ctx);
  return withTenant(ctx, async (tx) => {
    const settings = await updateOrgSettingsRow(tx, input);
    afterCommit(() => ctx.platform.cache.invalidateTags(ctx.orgId, [SETTINGS_TAG]));
    return settings;
  });
}
