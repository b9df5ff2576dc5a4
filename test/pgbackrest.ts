import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { asPostgres, serverDirectory, type PostgresServer } from './postgres-server.js';

const run = promisify(execFile);
const REPOSITORY_CONFIG = new URL('../ops/pgbackrest/pgbackrest.conf', import.meta.url);

/** A pgBackRest repository of its own for one drill, configured by the repository's own file. */
export interface BackupRepository {
  /** Its configuration directory (pgbackrest.conf and conf.d/), given to pgbackrest as --config-path. */
  dir: string;
  /** The archive_command (and archive settings) a server must run with to archive into `stanza`. */
  archiveSettings(stanza: string): Record<string, string>;
  /** Adds a stanza for a server (a file of its own in conf.d/), with options of its own. */
  addStanza(stanza: string, server: PostgresServer, options?: Record<string, string>): void;
  /** Runs pgbackrest as the postgres user with this repository's configuration; answers stdout. */
  run(args: string[]): Promise<string>;
  /** `pgbackrest info` of one stanza, parsed. */
  info(stanza: string): Promise<StanzaInfo>;
  destroy(): void;
}

export interface StanzaInfo {
  backup: { label: string; type: string; lsn: { start: string; stop: string }; timestamp: { start: number; stop: number } }[];
  archive: { min: string | null; max: string | null }[];
  status: { code: number; message: string };
}

export function canRunPgbackrest(): boolean {
  return spawnSync('pgbackrest', ['version']).status === 0;
}

/**
 * ops/pgbackrest/pgbackrest.conf with only its paths moved into a temporary directory (and
 * the shared server's stanza left out): what a drill proves is that file's settings.
 */
export function createBackupRepository(): BackupRepository {
  const dir = serverDirectory('mp-pgbackrest-');
  for (const sub of ['repo', 'log', 'lock', 'spool', 'conf.d']) {
    mkdirSync(join(dir, sub));
    chmodSync(join(dir, sub), 0o777);
  }
  const configFile = join(dir, 'pgbackrest.conf');
  const paths: Record<string, string> = { 'repo1-path': join(dir, 'repo'), 'log-path': join(dir, 'log'), 'lock-path': join(dir, 'lock'), 'spool-path': join(dir, 'spool') };
  writeFileSync(configFile, globalSectionsOf(readFileSync(REPOSITORY_CONFIG, 'utf8'), paths), { mode: 0o666 });
  const pgbackrest = async (args: string[]) => {
    const [command, commandArgs] = asPostgres(['pgbackrest', `--config-path=${dir}`, ...args]);
    return (await run(command, commandArgs, { maxBuffer: 64 * 1024 * 1024 })).stdout;
  };
  return {
    dir,
    archiveSettings: (stanza) => ({
      wal_level: 'replica',
      archive_mode: 'on',
      archive_command: `'pgbackrest --config-path=${dir} --stanza=${stanza} archive-push %p'`,
      max_wal_senders: '10',
    }),
    addStanza(stanza, server, options = {}) {
      const lines = [`[${stanza}]`, `pg1-path=${join(server.dataDir, 'data')}`, `pg1-port=${server.port}`, `pg1-socket-path=${server.dataDir}`, ...Object.entries(options).map(([key, value]) => `${key}=${value}`)];
      writeFileSync(join(dir, 'conf.d', `${stanza}.conf`), `${lines.join('\n')}\n`, { mode: 0o666 });
    },
    run: pgbackrest,
    async info(stanza) {
      const [info] = JSON.parse(await pgbackrest([`--stanza=${stanza}`, '--output=json', 'info'])) as StanzaInfo[];
      return info!;
    },
    destroy() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The configuration's [global…] sections with the given options' values replaced. */
function globalSectionsOf(text: string, replaced: Record<string, string>): string {
  const kept: string[] = [];
  let inGlobal = false;
  for (const line of text.split('\n')) {
    const section = /^\[(.+)\]$/.exec(line.trim());
    if (section) inGlobal = section[1]!.startsWith('global');
    if (!inGlobal) continue;
    const key = /^([a-z0-9-]+)=/.exec(line)?.[1];
    kept.push(key && key in replaced ? `${key}=${replaced[key]}` : line);
  }
  return kept.join('\n') + '\n';
}
