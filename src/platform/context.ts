import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Cache } from './cache/cache.js';
import type { Database } from './db/database.js';
import type { TenantRegistry, TenantScope } from './db/tenancy.js';
import type { TokenService } from './auth/tokens.js';
import type { Permissions } from './auth/permissions.js';

/** What the running server is made of; built once at start-up. */
export interface Platform {
  config: Config;
  db: Database;
  databases: TenantRegistry;
  cache: Cache;
  tokens: TokenService;
  log: Logger;
}

/** Who is asking, for which organization, with which rights: the first argument of every service function. */
export interface RequestContext extends TenantScope {
  orgId: string;
  userId: string;
  permissions: Permissions;
  requestId: string;
  platform: Platform;
}
