import type { Database } from '../db/database.js';

/**
 * A dedicated tenant database's own pgBackRest stanza: its server is backed up and its WAL
 * archived apart from the shared server's (stanza `main`), with its own recovery window. The
 * stanza is a file of its own in pgBackRest's conf.d, so adding a tenant never edits the main
 * configuration; the backup schedule is a cron line per stanza (ops/pgbackrest/).
 */
export interface PitrStanza {
  /** `tenant-<database>` */
  name: string;
  /** The file's text: the [stanza] section. */
  section: string;
  /** What the tenant's server must run as archive_command. */
  archiveCommand: string;
}

export interface PitrStanzaOptions {
  /** The database's name in TENANT_DATABASES. */
  database: string;
  /** Its server's URL (the port is taken from it). */
  url: string;
  /** The server's data directory (pgBackRest reads the files, not the SQL connection). */
  pgPath: string;
  /** Set when pgBackRest runs on a repository host rather than on the database server itself. */
  pgHost?: string;
  /** The server's Unix socket directory, when it is not Debian's /var/run/postgresql. */
  pgSocketPath?: string;
  /** Days of point-in-time recovery this tenant's contract promises. */
  retentionDays: number;
  /** pgBackRest's configuration directory, when it is not the default /etc/pgbackrest. */
  configPath?: string;
}

export const DEFAULT_CONFIG_PATH = '/etc/pgbackrest';
const SAFE_VALUE = /^[A-Za-z0-9_./-]+$/;

export function pitrStanzaOf(options: PitrStanzaOptions): PitrStanza {
  for (const [flag, value] of Object.entries({ database: options.database, 'pg-path': options.pgPath, 'pg-host': options.pgHost, 'pg-socket-path': options.pgSocketPath, 'config-path': options.configPath })) {
    // Each lands in a configuration file and in a shell command: plain characters only.
    if (value !== undefined && !SAFE_VALUE.test(value)) throw new RangeError(`${flag} may hold only letters, digits and _ . / -`);
  }
  if (!Number.isInteger(options.retentionDays) || options.retentionDays < 1 || options.retentionDays > 3650) throw new RangeError('retention-days must be a whole number from 1 to 3650');
  const name = `tenant-${options.database}`;
  const port = new URL(options.url).port || '5432';
  const section = [
    `# The dedicated database "${options.database}": its own stanza and recovery window (npm run tenant -- pitr-stanza).`,
    `[${name}]`,
    ...(options.pgHost ? [`pg1-host=${options.pgHost}`] : []),
    `pg1-path=${options.pgPath}`,
    `pg1-port=${port}`,
    ...(options.pgSocketPath ? [`pg1-socket-path=${options.pgSocketPath}`] : []),
    `repo1-retention-full=${options.retentionDays}`,
  ].join('\n');
  const configPath = options.configPath && options.configPath !== DEFAULT_CONFIG_PATH ? ` --config-path=${options.configPath}` : '';
  return { name, section: `${section}\n`, archiveCommand: `pgbackrest${configPath} --stanza=${name} archive-push %p` };
}

/**
 * Turns archiving into the stanza on in the tenant's server (ALTER SYSTEM, as a superuser) and
 * reloads it; answers whether a restart is still needed (archive_mode and wal_level take
 * effect only at a restart).
 */
export async function applyArchiving(database: Database, stanza: PitrStanza): Promise<{ restartNeeded: boolean }> {
  return database.withSession(async (session) => {
    // A server at 'logical' (tenant moves need it) stays there; only 'minimal' cannot archive.
    const [level] = await session.query<{ setting: string }>("select setting from pg_settings where name = 'wal_level'");
    if (level?.setting === 'minimal') await session.query("alter system set wal_level = 'replica'");
    await session.query("alter system set archive_mode = 'on'");
    await session.query(`alter system set archive_command = '${stanza.archiveCommand.replaceAll("'", "''")}'`);
    await session.query("alter system set archive_timeout = '60'");
    await session.query('select pg_reload_conf()');
    // The reload is asynchronous; what is pending shows once the server has read the file again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rows = await session.query<{ name: string }>("select name from pg_settings where pending_restart or (name = 'archive_mode' and setting <> 'on') or (name = 'wal_level' and setting not in ('replica', 'logical'))");
    return { restartNeeded: rows.length > 0 };
  });
}
