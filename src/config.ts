import { z } from 'zod';
import { secretBoxOf } from './platform/secrets/secret-box.js';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL');

/**
 * TENANT_DATABASES: a JSON object of database name → PostgreSQL URL (API.md, "Operating many
 * tenants"). A URL may be given sealed with MASTER_KEY (`npm run seal-database-url`), so the
 * environment, an env file or a Kubernetes Secret holds no database password in clear.
 */
const tenantDatabases = z
  .string()
  .transform((value, context) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a JSON object of name → postgres:// URL' });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(
      z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, 'names must be lower-case letters, digits, - or _').refine((name) => name !== 'shared', '"shared" is DATABASE_URL'),
      z.union([postgresUrl, z.string().startsWith('mp1:')], { message: 'must be a postgres:// or postgresql:// URL, or one sealed with MASTER_KEY' }),
      { message: 'must be a JSON object of name → postgres:// URL' },
    ),
  );

const masterKey = z
  .string()
  .refine((value) => /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)');

const configSchema = z.object({
  /** The profile (docs/self-hosting.md): staging and production require JWT_SECRET and MASTER_KEY. */
  NODE_ENV: z.enum(['development', 'test', 'staging', 'production'], { message: 'must be one of development, test, staging, production' }).default('development'),
  PORT: z.coerce.number({ message: 'must be a number' }).int('must be an integer').min(1, 'must be between 1 and 65535').max(65535, 'must be between 1 and 65535').default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(logLevels, { message: `must be one of ${logLevels.join(', ')}` }).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_READ_URL: postgresUrl.optional(),
  /**
   * The same database as DATABASE_URL, but straight to PostgreSQL, when DATABASE_URL goes through
   * PgBouncer in transaction mode: migrations hold a session's advisory lock, which a pooler in
   * that mode cannot keep. Unset: DATABASE_URL is used for them too.
   */
  DATABASE_DIRECT_URL: postgresUrl.optional(),
  /** Past this lag (seconds of the primary's history not yet replayed), reports read the primary instead of DATABASE_READ_URL. */
  REPLICA_MAX_LAG_SECONDS: z.coerce.number({ message: 'must be a number' }).min(0, 'must be at least 0').max(3600, 'must be at most 3600').default(5),
  /** Dedicated databases for enterprise tenants; each gets the migrations at start-up. */
  TENANT_DATABASES: tenantDatabases.default({}),
  /** Where the organizations' scheduled backups (their exports) are kept; default DATA_DIR/backups. */
  BACKUP_DIR: z.string().min(1).optional(),
  /** How often a server reads the directory of placements even when no move is announced. */
  PLACEMENT_POLL_SECONDS: z.coerce.number({ message: 'must be a number' }).min(0.5, 'must be at least 0.5').max(300, 'must be at most 300').default(10),
  REDIS_URL: z
    .string()
    .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// or rediss:// URL')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** HTTPS: both files (PEM) or neither. With them the server speaks only HTTPS and sends HSTS. */
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  /** 32 bytes, base64: encrypts secrets at rest (webhook secrets). Its id is derived from it. */
  MASTER_KEY: masterKey.optional(),
  /** The key before the last rotation: still read, never written (docs/self-hosting.md, "Rotating the master key"). */
  MASTER_KEY_PREVIOUS: masterKey.optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number({ message: 'must be a number' }).int('must be an integer').positive('must be positive').default(6000),
  /** Sign-up and sign-in attempts per client address per minute (argon2 is expensive on purpose). */
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number({ message: 'must be a number' }).int('must be an integer').positive('must be positive').default(20),
  /**
   * Which proxies may name the client in X-Forwarded-For: unset trusts none (the socket's
   * address is the client); a number is how many hops to trust; otherwise a comma-separated
   * list of addresses or CIDR ranges (Fastify's trustProxy).
   */
  TRUST_PROXY: z
    .string()
    .refine((value) => /^\d+$/.test(value) || value.split(',').every((part) => /^[0-9a-fA-F.:/]+$/.test(part.trim())), 'must be a hop count or a comma-separated list of addresses or CIDR ranges')
    .optional(),
  /** When set, /metrics answers only to Authorization: Bearer <METRICS_TOKEN>; unset, /metrics is off. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Open event streams allowed per user and per organization (429 beyond). */
  EVENTS_MAX_STREAMS_PER_USER: z.coerce.number({ message: 'must be a number' }).int('must be an integer').positive('must be positive').default(10),
  EVENTS_MAX_STREAMS_PER_ORG: z.coerce.number({ message: 'must be a number' }).int('must be an integer').positive('must be positive').default(200),
  WEBHOOK_ALLOW_PRIVATE_URLS: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true'),
  EVENTS_HEARTBEAT_SECONDS: z.coerce.number({ message: 'must be a number' }).positive('must be positive').max(300, 'must be at most 300').default(15),
  JOBS_POLLING_SECONDS: z.coerce.number({ message: 'must be a number' }).min(0.5, 'must be at least 0.5').max(60, 'must be at most 60').default(2),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Staging and production: real secrets, no development defaults. */
export const isDeployed = (config: Pick<Config, 'NODE_ENV'>) => config.NODE_ENV === 'staging' || config.NODE_ENV === 'production';

export const DATABASE_URL_PURPOSE = 'TENANT_DATABASES';

/** TENANT_DATABASES with every sealed URL opened (MASTER_KEY, or MASTER_KEY_PREVIOUS during a rotation). */
function openSealedUrls(config: Config): Record<string, string> {
  const box = secretBoxOf(config);
  return Object.fromEntries(
    Object.entries(config.TENANT_DATABASES).map(([name, value]) => {
      let url: string;
      try {
        url = box.open(value, DATABASE_URL_PURPOSE);
      } catch (error) {
        throw new ConfigError(`Invalid configuration: TENANT_DATABASES.${name} ${(error as Error).message}`);
      }
      if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError(`Invalid configuration: TENANT_DATABASES.${name} must be a postgres:// or postgresql:// URL`);
      return [name, url];
    }),
  );
}

/** The database a URL names (a multi-host one too, which WHATWG URL cannot read). */
const databaseName = (url: string) => /^postgres(?:ql)?:\/\/[^/?#]*\/([^?#]*)/.exec(url)?.[1] || 'postgres';

/** Reads and validates the environment once; empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${issue.path.join('.')} ${issue.message}`);
  }
  const config = parsed.data;
  config.TENANT_DATABASES = openSealedUrls(config);
  // A direct URL names the server behind a pooled DATABASE_URL: without one it means nothing (and
  // an embedded database must never be migrated through a server URL left in the environment).
  if (!config.DATABASE_URL) config.DATABASE_DIRECT_URL = undefined;
  if (config.DATABASE_URL && config.DATABASE_DIRECT_URL && databaseName(config.DATABASE_URL) !== databaseName(config.DATABASE_DIRECT_URL)) {
    throw new ConfigError('Invalid configuration: DATABASE_DIRECT_URL must name the same database as DATABASE_URL');
  }
  for (const name of ['JWT_SECRET', 'MASTER_KEY'] as const) {
    if (isDeployed(config) && !config[name]) throw new ConfigError(`Invalid configuration: ${name} is required when NODE_ENV=${config.NODE_ENV}`);
  }
  if (Boolean(config.TLS_CERT_FILE) !== Boolean(config.TLS_KEY_FILE)) {
    throw new ConfigError('Invalid configuration: TLS_CERT_FILE and TLS_KEY_FILE go together (both or neither)');
  }
  return config;
}
