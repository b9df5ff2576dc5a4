import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { moduleRoutes, resolveAccess } from './modules/index.js';
import { findExpiringLicensePlates } from './modules/warehouse/index.js';
import type { Platform } from './platform/context.js';
import { eventStreamRoutes } from './platform/events/stream.routes.js';
import { buildApp } from './platform/http/app.js';
import { provideExpiringLicensePlatesQuery } from './platform/jobs/schedules.js';
import { closePlatform, createPlatform, type PlatformOverrides } from './platform/platform.js';
import { webRoutes } from './web.js';

export interface Server {
  app: FastifyInstance;
  platform: Platform;
  /** Stops taking requests, lets in-flight ones finish, then closes the cache and databases. */
  close(): Promise<void>;
}

/** The whole server: platform, modules and web app, not yet listening. */
export async function createServer(config: Config, overrides: PlatformOverrides = {}): Promise<Server> {
  // The daily expiry job is the platform's; which plates are expiring is the warehouse's to say.
  provideExpiringLicensePlatesQuery(findExpiringLicensePlates);
  const platform = await createPlatform(config, overrides);
  const app = await buildApp(platform, { modules: [...moduleRoutes, eventStreamRoutes({ resolveAccess })], resolveAccess, web: webRoutes });
  let closing: Promise<void> | null = null;
  return {
    app,
    platform,
    close: () =>
      (closing ??= (async () => {
        await app.close();
        await closePlatform(platform);
      })()),
  };
}
