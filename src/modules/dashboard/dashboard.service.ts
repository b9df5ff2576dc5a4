import { requireAnyPermission } from '../../platform/auth/permissions.js';
import type { Platform, RequestContext } from '../../platform/context.js';
import { withTenantReadOnly } from '../../platform/db/tenancy.js';
import { getOrgSettings } from '../settings/index.js';
import { todayIn } from '../warehouse/index.js';
import {
  countWorkOrdersByStatus,
  listExpiringLicensePlates,
  listLicensePlatesOnHold,
  listOpenPurchaseOrders,
  sumOutputOn,
} from './dashboard.queries.js';
import type { Dashboard } from './dashboard.schema.js';

const DASHBOARD_TAG = 'dashboard';
const DASHBOARD_TTL = '30s';

// Supervisors of production, the warehouse, planning and quality all watch the same board.
const dashboardReaders = ['production', 'warehouse', 'planning', 'quality'] as const;

function requireDashboardRead(ctx: RequestContext): void {
  requireAnyPermission(ctx, dashboardReaders, 'read');
}

/**
 * How many times this instance has dropped each organization's figures. A read that sees
 * the number change while it computed may have stored figures older than the drop (the
 * cache dates an entry when it is stored, not when its data was read), so it drops them again.
 */
const invalidations = new Map<string, number>();

async function invalidateDashboard(platform: Pick<Platform, 'cache'>, orgId: string): Promise<void> {
  invalidations.set(orgId, (invalidations.get(orgId) ?? 0) + 1);
  await platform.cache.invalidateTags(orgId, [DASHBOARD_TAG]);
}

/**
 * Every event committed through this instance drops its organization's dashboard before the
 * event reaches any client (a board refetches on the event), and the cache's Redis bus drops
 * it on the other instances. Answers a function that stops doing so.
 */
export function invalidateDashboardOnEvents(platform: Pick<Platform, 'cache' | 'events'>): () => void {
  return platform.events.onPublish((event) => invalidateDashboard(platform, event.orgId));
}

/**
 * The organization's live figures: work orders by status, today's output, expiring and held
 * stock, open purchase orders. Cached for 30 s and dropped by every event of the organization;
 * the key carries the day and the settings that shape the figures, so a new day or a changed
 * warning window or time zone is read afresh.
 */
export async function getDashboard(ctx: RequestContext): Promise<Dashboard> {
  requireDashboardRead(ctx);
  const { timezone, expiryWarningDays } = await getOrgSettings(ctx);
  const today = todayIn(timezone);
  const seen = invalidations.get(ctx.orgId) ?? 0;
  let computed = false;
  const dashboard = await ctx.platform.cache.getOrSet({
    orgId: ctx.orgId,
    key: `dashboard:${today}:${expiryWarningDays}:${timezone}`,
    ttl: DASHBOARD_TTL,
    tags: [DASHBOARD_TAG],
    factory: () => {
      computed = true;
      return readDashboard(ctx, today, timezone, expiryWarningDays);
    },
  });
  if (computed && (invalidations.get(ctx.orgId) ?? 0) !== seen) await invalidateDashboard(ctx.platform, ctx.orgId);
  return dashboard;
}

async function readDashboard(ctx: RequestContext, today: string, timezone: string, expiryWarningDays: number): Promise<Dashboard> {
  return withTenantReadOnly(ctx, async (tx) => ({
    workOrders: { byStatus: await countWorkOrdersByStatus(tx, ctx.orgId) },
    outputToday: await sumOutputOn(tx, ctx.orgId, today, timezone),
    expiringLicensePlates: await listExpiringLicensePlates(tx, ctx.orgId, today, expiryWarningDays),
    onHold: await listLicensePlatesOnHold(tx, ctx.orgId),
    openPurchaseOrders: await listOpenPurchaseOrders(tx, ctx.orgId),
    generatedAt: new Date().toISOString(),
  }));
}
