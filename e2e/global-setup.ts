import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.js';
import { createServer } from '../src/server.js';
import { buildWeb } from '../web/build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** Lets a test sign an access token that expires sooner (the events stream's reconnect). */
    jwtSecret: string;
  }
}

/** Builds the web app if its sources changed, then starts the whole server on a free port with its own embedded database. */
export default async function setup(project: TestProject) {
  await buildWeb({ quiet: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'monopilot-e2e-'));
  // Private webhook URLs are allowed: the webhook test's receiver listens on 127.0.0.1.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn', DATA_DIR: dataDir, HOST: '127.0.0.1', WEBHOOK_ALLOW_PRIVATE_URLS: 'true', AUTH_RATE_LIMIT_PER_MINUTE: '100000' };
  delete env.DATABASE_URL;
  delete env.DATABASE_READ_URL;
  delete env.REDIS_URL;
  env.JWT_SECRET = randomBytes(48).toString('base64url');
  const server = await createServer(loadConfig(env));
  const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
  project.provide('baseUrl', address);
  project.provide('jwtSecret', env.JWT_SECRET);
  return async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
