import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createCache } from './cache/cache.js';
import type { Platform } from './context.js';
import { openDatabase, openPostgres, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { openDedicatedDatabases, prepareDedicatedDatabases } from './db/dedicated-databases.js';
import { watchPlacements } from './db/placement-watch.js';
import { ReadRouting } from './db/read-routing.js';
import { TenantRegistry } from './db/tenancy.js';
import { createTokenService, resolveJwtSecret } from './auth/tokens.js';
import { createEventBus } from './events/bus.js';
import { webhookDeliveryJob } from './events/webhooks.js';
import { createJobs, type JobDefinition } from './jobs/index.js';
import { scheduledJobs } from './jobs/schedules.js';
import { createLogger } from './log.js';
import { secretBoxOf } from './secrets/secret-box.js';
import { organizationBackupJob } from './tenants/backups.js';
import { cleanupsOf, jobsOf, type ModuleManifest } from './modules.js';

export interface PlatformOverrides {
  db?: Database;
  log?: Logger;
  cachePrefix?: string;
}

/**
 * Opens the database (migrating it), the cache and the token keys, and starts the platform's
 * jobs with the modules' (their manifests' jobs, schedules and clean-ups); everything a server
 * needs before routes.
 */
export async function createPlatform(config: Config, overrides: PlatformOverrides = {}, manifests: readonly ModuleManifest[] = []): Promise<Platform> {
  const log = overrides.log ?? createLogger(config);
  const db = overrides.db ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, log }));
  if (!overrides.db) await migrateDirectly(config, db);
  const cache = createCache({ redisUrl: config.REDIS_URL, prefix: overrides.cachePrefix });
  const tokens = createTokenService(resolveJwtSecret(config.JWT_SECRET, config.DATA_DIR));
  const events = await createEventBus({ redisUrl: config.REDIS_URL, log });
  const jobs = createJobs(db, { pollingSeconds: config.JOBS_POLLING_SECONDS, log });
  const replica = config.DATABASE_READ_URL ? openPostgres(config.DATABASE_READ_URL) : null;
  const dedicated = openDedicatedDatabases(config.TENANT_DATABASES);
  const databases = new TenantRegistry(db, replica, dedicated);
  await databases.reload();
  const platform: Platform = { config, db, databases, cache, tokens, log, events, jobs, secrets: secretBoxOf(config), background: [] };
  if (replica) await startReadRouting(platform, replica);
  const definitions = [webhookDeliveryJob(platform), ...scheduledJobs(platform, cleanupsOf(manifests)), organizationBackupJob(platform), ...jobsOf(manifests, platform)];
  await jobs.start(definitions);
  await startDedicatedDatabases(platform, dedicated, definitions);
  platform.background.push(watchPlacements(databases, { redisUrl: config.REDIS_URL, pollSeconds: config.PLACEMENT_POLL_SECONDS, log }));
  return platform;
}

/** Migrations hold a session (an advisory lock): through DATABASE_DIRECT_URL when DATABASE_URL is a pooler. */
async function migrateDirectly(config: Config, db: Database): Promise<void> {
  if (!config.DATABASE_DIRECT_URL) {
    await migrate(db);
    return;
  }
  const direct = openPostgres(config.DATABASE_DIRECT_URL, 1);
  try {
    await migrate(direct);
  } finally {
    await direct.close();
  }
}

/** Reports read the replica only while it is up, close enough behind, and past the asking user's own writes. */
async function startReadRouting(platform: Platform, replica: Database): Promise<void> {
  const routing = new ReadRouting(platform.db, replica, { maxLagSeconds: platform.config.REPLICA_MAX_LAG_SECONDS, redisUrl: platform.config.REDIS_URL, log: platform.log });
  platform.databases.readRouting = routing;
  platform.background.push(routing);
  await routing.start();
}

/**
 * Each dedicated database gets the migrations and job workers of its own (the jobs its
 * organizations' transactions enqueue live there); the schedules run once, from the shared
 * database, and visit every database.
 */
async function startDedicatedDatabases(platform: Platform, dedicated: ReadonlyMap<string, Database>, definitions: JobDefinition[]): Promise<void> {
  if (dedicated.size === 0) return;
  const workers = definitions.filter((definition) => !definition.cron);
  const preparation = prepareDedicatedDatabases(
    dedicated,
    async (_name, database) => {
      await migrate(database);
      const jobs = createJobs(database, { pollingSeconds: platform.config.JOBS_POLLING_SECONDS, log: platform.log });
      await jobs.start(workers);
      platform.background.push({ stop: () => jobs.stop() });
    },
    platform.log,
  );
  platform.databases.notReady = preparation.pending;
  platform.background.push({ stop: async () => preparation.stop() });
  // The first try is quick either way (a server that is down refuses at once, one that does not
  // answer times out in 5 s), and a server that starts with its databases ready serves them at once.
  await preparation.firstTry;
}

export async function closePlatform(platform: Platform): Promise<void> {
  for (const part of platform.background) await part.stop();
  await platform.jobs.stop();
  await platform.events.close();
  await platform.cache.close();
  for (const database of platform.databases.all()) await database.close();
}
