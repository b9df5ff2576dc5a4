import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Cache } from './cache/cache.js';
import type { Database } from './db/database.js';
import type { TenantRegistry, TenantScope } from './db/tenancy.js';
import type { TokenService } from './auth/tokens.js';
import type { Permissions } from './auth/permissions.js';
import type { EventBus } from './events/bus.js';
import type { Jobs } from './jobs/index.js';
import type { SecretBox } from './secrets/secret-box.js';

/** What the running server is made of; built once at start-up. */
export interface Platform {
  config: Config;
  db: Database;
  databases: TenantRegistry;
  cache: Cache;
  tokens: TokenService;
  log: Logger;
  /** Realtime fan-out of committed events (Redis pub/sub across instances when configured). */
  events: EventBus;
  /** pg-boss on the same database: webhook deliveries and schedules. */
  jobs: Jobs;
  /** Seals secrets at rest with MASTER_KEY (webhook secrets, replays of answers that carry one). */
  secrets: SecretBox;
  /** What runs beside the requests and stops with the server (placement watch, dedicated databases' workers). */
  background: { stop(): Promise<void> }[];
}

/** Who is asking, for which organization, with which rights: the first argument of every service function. */
export interface RequestContext extends TenantScope {
  orgId: string;
  userId: string;
  permissions: Permissions;
  requestId: string;
  platform: Platform;
  /** The verified access token's sign-in session (refresh token family), when it names one. */
  sessionId?: string;
  /** When the request's access token expires (ms since the epoch); streams end then. */
  tokenExpiresAt?: number;
}
