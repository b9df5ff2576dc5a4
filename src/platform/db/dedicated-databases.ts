import type { Logger } from 'pino';
import { openPostgres, type Database } from './database.js';

/** How often a dedicated database that could not be prepared is tried again. */
const RETRY_SECONDS = 10;

/** The dedicated databases of TENANT_DATABASES, opened (pools connect lazily, so a dead server costs nothing yet). */
export function openDedicatedDatabases(urls: Record<string, string>): Map<string, Database> {
  return new Map(Object.entries(urls).map(([name, url]) => [name, openPostgres(url)]));
}

export interface DedicatedPreparation {
  /** Names of the dedicated databases not prepared yet (down at start-up, or still migrating). */
  readonly pending: ReadonlySet<string>;
  /** Resolves once every database has had its first try (prepared or not). */
  readonly firstTry: Promise<void>;
  stop(): void;
}

/**
 * Prepares each dedicated database (its migrations, under its own advisory lock, and its job
 * workers) without holding up the server: one that is down is logged, its organizations answer
 * 503 meanwhile, and it is tried again every few seconds until it is ready.
 */
export function prepareDedicatedDatabases(
  databases: ReadonlyMap<string, Database>,
  prepare: (name: string, database: Database) => Promise<void>,
  log: Pick<Logger, 'info' | 'error'>,
  retrySeconds = RETRY_SECONDS,
): DedicatedPreparation {
  const pending = new Set(databases.keys());
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const tryPending = async () => {
    for (const name of [...pending]) {
      try {
        await prepare(name, databases.get(name)!);
        pending.delete(name);
        log.info({ database: name }, 'dedicated database ready');
      } catch (err) {
        log.error({ err, database: name }, `dedicated database not ready; trying again in ${retrySeconds} s`);
      }
    }
    if (pending.size > 0 && !stopped) timer = setTimeout(() => void tryPending(), retrySeconds * 1000).unref();
  };
  return {
    pending,
    firstTry: tryPending(),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
