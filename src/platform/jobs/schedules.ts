import { sql } from 'drizzle-orm';
import type { Platform } from '../context.js';
import type { Tx } from '../db/database.js';
import { withSystem, withTenant } from '../db/tenancy.js';
import { emitEvent } from '../events/outbox.js';
import type { JobDefinition } from './index.js';

/** How long each kind of row is kept before the hourly cleanup removes it. */
export const retention = {
  /** SSE clients can resume from Last-Event-ID within this window (at least 24 h). */
  eventsHours: 72,
  /** A client retrying a POST with the same Idempotency-Key within this window gets the first answer. */
  idempotencyKeysHours: 24,
  /** Delivery attempts stay visible to the admin this long. */
  webhookDeliveriesDays: 30,
  /**
   * Failed sign-ins (per email and client address) are kept this long after the first of them,
   * and while their lockout lasts; the sign-in throttle only counts the last 15 minutes.
   */
  loginAttemptsHours: 1,
} as const;

export interface CleanupResult {
  events: number;
  idempotencyKeys: number;
  refreshTokens: number;
  webhookDeliveries: number;
  loginAttempts: number;
}

/** Deletes what is past retention, in every database of the installation (a cross-tenant job: the system door). */
export async function runCleanup(platform: Pick<Platform, 'databases'>): Promise<CleanupResult> {
  const total: CleanupResult = { events: 0, idempotencyKeys: 0, refreshTokens: 0, webhookDeliveries: 0, loginAttempts: 0 };
  for (const database of platform.databases.all()) {
    await withSystem(database, async (tx) => {
      total.events += await count(tx, sql`delete from events where created_at < now() - make_interval(hours => ${retention.eventsHours}) returning 1`);
      total.idempotencyKeys += await count(tx, sql`delete from idempotency_keys where created_at < now() - make_interval(hours => ${retention.idempotencyKeysHours}) returning 1`);
      total.refreshTokens += await count(tx, sql`delete from refresh_tokens where expires_at < now() returning 1`);
      total.webhookDeliveries += await count(tx, sql`delete from webhook_deliveries where created_at < now() - make_interval(days => ${retention.webhookDeliveriesDays}) returning 1`);
      total.loginAttempts += await count(tx, sql`
        delete from login_attempts
        where first_failed_at < now() - make_interval(hours => ${retention.loginAttemptsHours}) and (locked_until is null or locked_until < now())
        returning 1`);
    });
  }
  return total;
}

async function count(tx: Tx, query: ReturnType<typeof sql>): Promise<number> {
  return (await tx.execute(query)).rows.length;
}

/** A license plate inside its organization's expiry warning window, as the expiring event reports it. */
export interface ExpiringLicensePlate {
  id: string;
  number: string;
  productId: string;
  lot: string;
  expiryDate: string;
  daysLeft: number;
}

/**
 * The query that finds an organization's LPs expiring within `warningDays`, run inside that
 * organization's transaction. The platform knows nothing of license plates: the warehouse
 * module owns the query and the server provides it at start-up; without one the check is off.
 */
export type ExpiringLicensePlatesQuery = (tx: Tx, warningDays: number) => Promise<ExpiringLicensePlate[]>;

let expiringQuery: ExpiringLicensePlatesQuery | null = null;

export function provideExpiringLicensePlatesQuery(query: ExpiringLicensePlatesQuery | null): void {
  expiringQuery = query;
}

/** Emits one license_plate.expiring event per LP inside each organization's expiryWarningDays. */
export async function runLicensePlateExpiring(platform: Platform): Promise<number> {
  const query = expiringQuery;
  if (!query) {
    platform.log.debug('license_plate.expiring: turned off (no license plate query)');
    return 0;
  }
  const organizations = await withSystem(platform.db, async (tx) => {
    const result = await tx.execute(sql`select org_id, expiry_warning_days from org_settings order by org_id`);
    return result.rows as { org_id: string; expiry_warning_days: number }[];
  });
  let emitted = 0;
  for (const organization of organizations) {
    const scope = { orgId: organization.org_id, databases: platform.databases, platform };
    emitted += await withTenant(scope, async (tx) => {
      const plates = await query(tx, Number(organization.expiry_warning_days));
      for (const plate of plates) {
        await emitEvent(tx, scope, { type: 'license_plate.expiring', subjectId: plate.id, payload: { ...plate } });
      }
      return plates.length;
    });
  }
  return emitted;
}

/** The platform's scheduled jobs (cron in UTC, sent once per cluster by pg-boss). */
export function scheduledJobs(platform: Platform): JobDefinition[] {
  return [
    {
      name: 'maintenance-cleanup',
      cron: '17 * * * *',
      queue: { retryLimit: 2, retryDelay: 60, expireInSeconds: 900 },
      async work() {
        const removed = await runCleanup(platform);
        platform.log.info({ removed }, 'cleanup past retention');
      },
    },
    {
      name: 'license-plate-expiring',
      cron: '0 5 * * *',
      queue: { retryLimit: 2, retryDelay: 300, expireInSeconds: 1800 },
      async work() {
        const emitted = await runLicensePlateExpiring(platform);
        platform.log.info({ emitted }, 'license_plate.expiring events emitted');
      },
    },
  ];
}
