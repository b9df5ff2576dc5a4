/**
 * `npm run preview`: an isolated MonoPilot with the demo bakery, for a pull request's preview
 * deploy or a quick look. It never touches a configured database: its own PGlite data directory
 * under the system's temporary directory, seeded through the API (the demo factory), a free
 * port (or PORT when the platform gives one), and fresh secrets. SIGINT or SIGTERM stops it and
 * removes the directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config.js';
import { createServer, type Server } from '../server.js';
import { seedDemo } from './demo/bakery.js';
import { DemoError, injectTransport } from './demo/transport.js';
import { previewEnvironment } from './preview/environment.js';

const shownHost = (host: string) => (host === '0.0.0.0' || host === '::' ? 'localhost' : host);

async function main(): Promise<void> {
  // As the server itself does: the data directory holds password hashes.
  process.umask(0o077);
  const dataDir = mkdtempSync(join(tmpdir(), 'monopilot-preview-'));
  let server: Server | null = null;
  let stopping = false;
  const stop = async (exitCode: number) => {
    stopping = true;
    try {
      // PGlite's files must be closed before the directory goes.
      await server?.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(exitCode);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log(`\n${signal}: stopping the preview and removing ${dataDir}`);
      void stop(0);
    });
  }
  try {
    const config = loadConfig(previewEnvironment(process.env, dataDir));
    server = await createServer(config);
    console.log(`Seeding the demo bakery into ${dataDir}`);
    const login = await seedDemo(injectTransport(server.app), { log: (line) => console.log(`  ${line}`) });
    // PORT when the platform sets one (a preview deploy), otherwise any free port.
    await server.app.listen({ port: process.env.PORT ? config.PORT : 0, host: config.HOST });
    const { port } = server.app.server.address() as { port: number };
    console.log(`
MonoPilot preview is running at http://${shownHost(config.HOST)}:${port}
  The demo bakery "${login.organizationName}":
    email:    ${login.email}
    password: ${login.password}
  data: ${dataDir} (removed when the preview stops: Ctrl+C or SIGTERM)`);
  } catch (error) {
    // A signal during start-up closes the server under the seeding; its stop is already under way.
    if (stopping) return;
    if (error instanceof ConfigError || error instanceof DemoError) console.error(error.message);
    else console.error(`The preview failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await stop(1);
  }
}

void main();
