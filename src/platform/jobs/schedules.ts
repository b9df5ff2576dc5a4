import { lt, sql } from 'drizzle-orm';
import type { Platform } from '../context.js';
import { withSystem } from '../db/tenancy.js';
import { idempotencyKeys } from '../db/tables.js';
import { events, webhookDeliveries } from '../events/tables.js';
import type { Cleanup } from '../modules.js';
import type { JobDefinition } from './index.js';

/** How long each kind of the platform's own rows is kept before the hourly cleanup removes it. */
export const retention = {
  /** SSE clients can resume from Last-Event-ID within this window (at least 24 h). */
  eventsHours: 72,
  /** A client retrying a POST with the same Idempotency-Key within this window gets the first answer. */
  idempotencyKeysHours: 24,
  /** Delivery attempts stay visible to the admin this long. */
  webhookDeliveriesDays: 30,
} as const;

const hoursAgo = (hours: number) => sql`now() - make_interval(hours => ${hours})`;

/** The platform's retention deletes: its outbox, idempotency keys and webhook delivery attempts. */
export const platformCleanups: readonly Cleanup[] = [
  {
    name: 'events',
    run: async (tx) => (await tx.delete(events).where(lt(events.createdAt, hoursAgo(retention.eventsHours))).returning({ seq: events.seq })).length,
  },
  {
    name: 'idempotencyKeys',
    run: async (tx) =>
      (await tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, hoursAgo(retention.idempotencyKeysHours))).returning({ key: idempotencyKeys.key })).length,
  },
  {
    name: 'webhookDeliveries',
    run: async (tx) =>
      (await tx.delete(webhookDeliveries).where(lt(webhookDeliveries.createdAt, hoursAgo(retention.webhookDeliveriesDays * 24))).returning({ id: webhookDeliveries.id }))
        .length,
  },
];

/** How many rows each clean-up removed, by its name. */
export type CleanupResult = Record<string, number>;

/**
 * Runs the clean-ups in every database organizations live in (the shared one and each dedicated
 * one; never the read replica, which takes no writes), one transaction per database (a
 * cross-tenant job: the system door). A database that cannot answer is logged and skipped; the
 * others are cleaned all the same.
 */
export async function runCleanup(platform: Pick<Platform, 'databases' | 'log'>, cleanups: readonly Cleanup[]): Promise<CleanupResult> {
  const total: CleanupResult = Object.fromEntries(cleanups.map((cleanup) => [cleanup.name, 0]));
  for (const [name, database] of platform.databases.placementDatabases()) {
    try {
      const removed = await withSystem(database, async (tx) => {
        const counts: number[] = [];
        for (const cleanup of cleanups) counts.push(await cleanup.run(tx));
        return counts;
      });
      cleanups.forEach((cleanup, index) => (total[cleanup.name]! += removed[index]!));
    } catch (err) {
      platform.log.error({ err, database: name }, 'cleanup: a database could not be cleaned; trying again next hour');
    }
  }
  return total;
}

/**
 * The platform's scheduled job (cron in UTC, sent once per cluster by pg-boss): the hourly
 * cleanup of the platform's own rows and of every module's (their manifests' clean-ups).
 */
export function scheduledJobs(platform: Platform, moduleCleanups: readonly Cleanup[]): JobDefinition[] {
  const cleanups = [...platformCleanups, ...moduleCleanups];
  const names = cleanups.map((cleanup) => cleanup.name);
  const twice = names.filter((name, index) => names.indexOf(name) !== index);
  // Two of one name would add up into one count and hide which kind grew.
  if (twice.length > 0) throw new Error(`clean-ups named twice: ${[...new Set(twice)].join(', ')}`);
  return [
    {
      name: 'maintenance-cleanup',
      cron: '17 * * * *',
      queue: { retryLimit: 2, retryDelay: 60, expireInSeconds: 900 },
      async work() {
        const removed = await runCleanup(platform, cleanups);
        platform.log.info({ removed }, 'cleanup past retention');
      },
    },
  ];
}

/**
 * @deprecated The shape of warehouse's expiring LPs, kept here only because
 * modules/warehouse/expiring.queries.ts (being reworked elsewhere) still imports it from this
 * file; it belongs to the warehouse, and goes once that file names its own type.
 */
export interface ExpiringLicensePlate {
  id: string;
  number: string;
  productId: string;
  lot: string;
  expiryDate: string;
  daysLeft: number;
}
