import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

/** A PostgreSQL server of its own for one test (a dedicated tenant database, a move's other side). */
export interface PostgresServer {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  dataDir: string;
  /** Stops it with the given mode ('immediate' is a crash, as kill -9 would leave it). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** A standby only: ends recovery, so it becomes a primary (what a failover manager does). */
  promote(): Promise<void>;
  /** Stops it and removes its files; safe to call twice. */
  destroy(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, so two tests do not pick the same one). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The command and arguments that run `args` as the postgres user (when this process is root). */
export const asPostgres = (args: string[]) => (process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', ...args]] : [args[0]!, args.slice(1)]) as [string, string[]];

/** Whether this machine can start servers of its own (the PostgreSQL 15 binaries are installed). */
export function canStartPostgres(): boolean {
  return spawnSync(join(BIN, 'initdb'), ['--version']).status === 0;
}

/**
 * initdb into a temporary directory and start on a free port, with the settings given (for
 * example wal_level=logical). Trust authentication on 127.0.0.1 only. Call destroy() in an
 * afterAll (or finally) so the server goes even when the test fails.
 */
export async function startPostgres(settings: Record<string, string> = {}): Promise<PostgresServer> {
  const dataDir = serverDirectory();
  const port = await freePort();
  const [initdb, initArgs] = asPostgres([join(BIN, 'initdb'), '-D', join(dataDir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  await run(initdb, initArgs);
  return startServerIn(dataDir, port, settings);
}

/**
 * A streaming replica of `primary`: pg_basebackup with -R (standby.signal and the primary's
 * connection written for it), started on a port of its own.
 */
export async function startReplicaOf(primary: PostgresServer, settings: Record<string, string> = {}): Promise<PostgresServer> {
  const dataDir = serverDirectory('mp-pg-replica-');
  const [basebackup, args] = asPostgres([join(BIN, 'pg_basebackup'), '-D', join(dataDir, 'data'), '-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
  await run(basebackup, args);
  return startCopiedServer(dataDir, { hot_standby: 'on', ...settings });
}

/** A directory for a server's files that the postgres user may write (a restore's target, say). */
export function serverDirectory(prefix = 'mp-pg-'): string {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dataDir, 0o777);
  return dataDir;
}

/**
 * Starts a server on a copy of another's files in `dataDir`/data (a base backup, a restore),
 * on a port of its own.
 */
export async function startCopiedServer(dataDir: string, settings: Record<string, string> = {}): Promise<PostgresServer> {
  // The copy carries the original's include line; point it at this server's own settings file.
  await run('sh', ['-c', `sed -i '/^include /d' ${join(dataDir, 'data', 'postgresql.conf')}`]);
  return startServerIn(dataDir, await freePort(), settings);
}

async function startServerIn(dataDir: string, port: number, settings: Record<string, string>): Promise<PostgresServer> {
  const conf = { listen_addresses: "'127.0.0.1'", port: String(port), fsync: 'off', unix_socket_directories: `'${dataDir}'`, max_connections: '100', ...settings };
  writeFileSync(join(dataDir, 'extra.conf'), Object.entries(conf).map(([key, value]) => `${key} = ${value}`).join('\n') + '\n', { mode: 0o644 });
  await run('sh', ['-c', `echo "include '${join(dataDir, 'extra.conf')}'" >> ${join(dataDir, 'data', 'postgresql.conf')}`]);
  const pgCtl = (args: string[]) => {
    const [command, commandArgs] = asPostgres([join(BIN, 'pg_ctl'), '-D', join(dataDir, 'data'), ...args]);
    return run(command, commandArgs);
  };
  let running = false;
  let destroyed = false;
  const server: PostgresServer = {
    port,
    dataDir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await pgCtl(['-w', '-t', '60', '-l', join(dataDir, 'server.log'), 'start']);
      running = true;
    },
    async promote() {
      await pgCtl(['-w', '-t', '60', 'promote']);
    },
    async stop(mode = 'fast') {
      if (!running) return;
      await pgCtl(['-w', '-t', '60', '-m', mode, 'stop']);
      running = false;
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await server.stop('immediate').catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (error) {
    await server.destroy();
    throw error;
  }
  return server;
}
