import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createCache } from './cache/cache.js';
import type { Platform } from './context.js';
import { openDatabase, openPostgres, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { TenantRegistry } from './db/tenancy.js';
import { createTokenService, resolveJwtSecret } from './auth/tokens.js';
import { createEventBus } from './events/bus.js';
import { webhookDeliveryJob } from './events/webhooks.js';
import { createJobs } from './jobs/index.js';
import { scheduledJobs } from './jobs/schedules.js';
import { createLogger } from './log.js';
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
  if (!overrides.db) await migrate(db);
  const cache = createCache({ redisUrl: config.REDIS_URL, prefix: overrides.cachePrefix });
  const tokens = createTokenService(resolveJwtSecret(config.JWT_SECRET, config.DATA_DIR));
  const events = await createEventBus({ redisUrl: config.REDIS_URL, log });
  const jobs = createJobs(db, { pollingSeconds: config.JOBS_POLLING_SECONDS, log });
  const replica = config.DATABASE_READ_URL ? openPostgres(config.DATABASE_READ_URL) : null;
  const platform: Platform = { config, db, databases: new TenantRegistry(db, replica), cache, tokens, log, events, jobs };
  await jobs.start([webhookDeliveryJob(platform), ...scheduledJobs(platform, cleanupsOf(manifests)), ...jobsOf(manifests, platform)]);
  return platform;
}

export async function closePlatform(platform: Platform): Promise<void> {
  await platform.jobs.stop();
  await platform.events.close();
  await platform.cache.close();
  for (const database of platform.databases.all()) await database.close();
}
