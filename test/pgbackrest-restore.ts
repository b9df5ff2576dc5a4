import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { BackupRepository } from './pgbackrest.js';
import { asPostgres, serverDirectory, startCopiedServer, type PostgresServer } from './postgres-server.js';

const run = promisify(execFile);

export interface Restore {
  server: PostgresServer;
  /** pgbackrest restore: the backup's files copied into the new data directory. */
  restoreSeconds: number;
  /** From starting PostgreSQL on it to the end of recovery (WAL fetched from the archive and replayed). */
  recoverySeconds: number;
  totalSeconds: number;
  /** WAL replayed: from the backup's start to where recovery stopped. */
  walReplayedBytes: number;
}

/**
 * Restores the stanza's latest backup into a new data directory, recovering to `target` (a
 * timestamp with its zone; without one, to the end of the archive) and promoting there, and
 * starts a server on it. Archiving is off on the copy: it must not push WAL into the repository
 * beside the primary it was restored from.
 */
export async function restoreToTime(repository: BackupRepository, stanza: string, target?: string): Promise<Restore> {
  const started = performance.now();
  const targetOptions = target ? ['--type=time', `--target=${target}`, '--target-action=promote'] : [];
  const dir = await restoreInto(repository, stanza, [...targetOptions, '--archive-mode=off']);
  const copied = performance.now();
  const server = await startCopiedServer(dir);
  try {
    await waitUntil(server, 'select not pg_is_in_recovery() as done');
    const finished = performance.now();
    const [backup] = (await repository.info(stanza)).backup.slice(-1);
    const [row] = await query<{ bytes: string }>(server, `select pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '${backup!.lsn.start}')::text as bytes`);
    return { server, restoreSeconds: (copied - started) / 1000, recoverySeconds: (finished - copied) / 1000, totalSeconds: (finished - started) / 1000, walReplayedBytes: Number(row!.bytes) };
  } catch (error) {
    await server.destroy();
    throw error;
  }
}

/**
 * A standby restored from the repository alone: it has a restore_command and no primary to
 * stream from, so it replays each WAL segment once the primary has archived it (the
 * cross-region standby).
 */
export async function restoreStandby(repository: BackupRepository, stanza: string, settings: Record<string, string> = {}): Promise<PostgresServer> {
  // Its own lock and spool directories (in its own directory, removed with it), as on a host of
  // its own: pgBackRest's asynchronous archive-get must not wait on the lock of the primary's
  // asynchronous archive-push (with them shared, each segment came a minute late).
  const dir = serverDirectory('mp-pg-standby-');
  await restoreInto(repository, stanza, ['--type=standby', '--archive-mode=off', `--lock-path=${dir}/pgbackrest`, `--spool-path=${dir}/pgbackrest`], dir);
  return startCopiedServer(dir, { hot_standby: 'on', ...settings });
}

async function restoreInto(repository: BackupRepository, stanza: string, options: string[], dir = serverDirectory('mp-pg-restored-')): Promise<string> {
  const data = join(dir, 'data');
  const [mkdir, mkdirArgs] = asPostgres(['mkdir', '-m', '0700', data]);
  await run(mkdir, mkdirArgs);
  await repository.run([`--stanza=${stanza}`, `--pg1-path=${data}`, ...options, 'restore']);
  return dir;
}

export async function query<T extends pg.QueryResultRow>(server: PostgresServer, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: server.url() });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Polls a one-row `select … as done` until it says true (recovery is slow to start on a loaded machine). */
export async function waitUntil(server: PostgresServer, text: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await query<{ done: boolean }>(server, text).catch(() => [{ done: false }]);
    if (row?.done) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
