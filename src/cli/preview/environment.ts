import { randomBytes } from 'node:crypto';

/** Settings that would reach outside the preview: another database, a shared cache, a backup folder. */
const SHARED_SETTINGS = ['DATABASE_URL', 'DATABASE_DIRECT_URL', 'DATABASE_READ_URL', 'TENANT_DATABASES', 'REDIS_URL', 'BACKUP_DIR'];

/**
 * The preview's environment: the caller's, without anything shared, on its own data directory.
 * Secrets are made per run (nothing outlives the instance, so nothing needs to be kept), which
 * also satisfies the profiles that require them.
 */
export function previewEnvironment(env: NodeJS.ProcessEnv, dataDir: string): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(Object.entries(env).filter(([name]) => !SHARED_SETTINGS.includes(name)));
  return {
    ...kept,
    DATA_DIR: dataDir,
    // A demo with a published password: on this machine only, unless the platform says otherwise.
    HOST: env.HOST || '127.0.0.1',
    LOG_LEVEL: env.LOG_LEVEL || 'warn',
    JWT_SECRET: randomBytes(48).toString('base64'),
    MASTER_KEY: randomBytes(32).toString('base64'),
  };
}
