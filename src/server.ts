import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { modules, resolveAccess } from './modules/index.js';
import type { Platform } from './platform/context.js';
import { eventStreamRoutes } from './platform/events/stream.routes.js';
import { buildApp } from './platform/http/app.js';
import { routesOf } from './platform/modules.js';
import { closePlatform, createPlatform, type PlatformOverrides } from './platform/platform.js';
import { webRoutes } from './web.js';

export interface Server {
  app: FastifyInstance;
  platform: Platform;
  /** Stops taking requests, lets in-flight ones finish, then closes the cache and databases. */
  close(): Promise<void>;
}

/** The whole server: platform, modules (their manifests' routes, jobs and clean-ups) and web app, not yet listening. */
export async function createServer(config: Config, overrides: PlatformOverrides = {}): Promise<Server> {
  const platform = await createPlatform(config, overrides, modules);
  const app = await buildApp(platform, { modules: [...routesOf(modules), eventStreamRoutes({ resolveAccess })], resolveAccess, web: webRoutes });
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
