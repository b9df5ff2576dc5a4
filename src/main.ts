import { ConfigError, loadConfig } from './config.js';
import { createServer } from './server.js';

/** Start-up: config → platform → modules → listen; SIGTERM/SIGINT drain and close. */
async function main(): Promise<void> {
  // Everything the server creates (the data dir, the database's files, the JWT secret) is
  // owner-only: they hold password hashes and secrets. Node applies the umask to PGlite's files too.
  process.umask(0o077);
  const config = loadConfig();
  const server = await createServer(config);
  const log = server.platform.log;
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    const forced = setTimeout(() => process.exit(1), 15_000).unref();
    server.close().then(
      () => {
        clearTimeout(forced);
        log.info('shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  await server.app.listen({ port: config.PORT, host: config.HOST });
  const scheme = config.TLS_CERT_FILE ? 'https' : 'http';
  log.info({ database: server.platform.db.kind, cache: config.REDIS_URL ? 'redis' : 'memory' }, `MonoPilot listening on ${scheme}://localhost:${config.PORT}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(`MonoPilot failed to start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
