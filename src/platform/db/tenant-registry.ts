import type { Database } from './database.js';
import type { ReadRouting } from './read-routing.js';
import { readPlacements, SHARED_DATABASE } from './directory.js';
import { AppError } from '../http/errors.js';

/** How long a request waits, at most, before asking again when its organization's database cannot answer. */
const RETRY_AFTER_UNREACHABLE_SECONDS = '5';

/**
 * Maps an organization to the database that holds it. Most organizations live in the shared
 * database (DATABASE_URL, named 'shared'); an enterprise tenant may live in one of the dedicated
 * databases of TENANT_DATABASES. Where each one lives is the shared database's directory; this
 * is a copy of the dedicated placements, reloaded when a move is announced, on a timer, and
 * whenever a database says an organization has left it (the gate in the tenancy prelude), so a
 * copy that is out of date costs a retry, never a wrong answer.
 */
export class TenantRegistry {
  /** orgId → the name of its dedicated database; organizations not named here are in 'shared'. */
  private readonly placements = new Map<string, string>();
  private readonly dedicated: ReadonlyMap<string, Database>;
  private reloading: Promise<void> | null = null;
  /** Dedicated databases not ready yet (down at start-up, or migrating): their organizations answer 503. */
  notReady: ReadonlySet<string> = new Set();

  /** replica: an optional read-only copy of the shared database for reports (DATABASE_READ_URL). */
  constructor(
    readonly main: Database,
    readonly replica: Database | null = null,
    dedicated: ReadonlyMap<string, Database> = new Map(),
  ) {
    this.dedicated = dedicated;
  }

  /** Where the organization's data lives (the shared database unless the directory says otherwise). */
  databaseFor(orgId: string): Database {
    const name = this.placements.get(orgId);
    return name === undefined ? this.main : this.named(name);
  }

  /**
   * With a replica, what decides when it may answer a report (up, lag, the user's own writes);
   * set by the platform. Without it a configured replica is always read.
   */
  readRouting: ReadRouting | null = null;

  /**
   * Where a report of this user reads: an organization in a dedicated database reads there; one in
   * the shared database reads the replica when there is one and it may answer, else the primary.
   */
  async reportDatabaseFor(orgId: string, userId?: string | null): Promise<Database> {
    if (this.placements.has(orgId)) return this.databaseFor(orgId);
    if (!this.replica) return this.main;
    if (!this.readRouting) return this.replica;
    return (await this.readRouting.mayRead(orgId, userId)) ? this.replica : this.main;
  }

  /** The name of the organization's database: 'shared' or one of TENANT_DATABASES. */
  placementOf(orgId: string): string {
    return this.placements.get(orgId) ?? SHARED_DATABASE;
  }

  /** The database of that name; 503 when this server has no such database configured. */
  named(name: string): Database {
    if (name === SHARED_DATABASE) return this.main;
    const database = this.dedicated.get(name);
    if (!database || this.notReady.has(name)) {
      throw new AppError('UNAVAILABLE', database ? `the organization's database "${name}" is not ready yet` : `the organization's database "${name}" is not configured on this server`, undefined, {
        'retry-after': RETRY_AFTER_UNREACHABLE_SECONDS,
      });
    }
    return database;
  }

  /** Every database an organization can live in, by name: 'shared' first. */
  placementDatabases(): [string, Database][] {
    return [[SHARED_DATABASE, this.main], ...this.dedicated];
  }

  /** Records where an organization lives (from the directory, or after a move this server made). */
  assign(orgId: string, name: string): void {
    if (name === SHARED_DATABASE) this.placements.delete(orgId);
    else this.placements.set(orgId, name);
  }

  /** Reads the directory again; callers arriving while a reload runs share it. */
  reload(): Promise<void> {
    this.reloading ??= readPlacements(this.main)
      .then((placements) => {
        this.placements.clear();
        for (const [orgId, name] of placements) this.placements.set(orgId, name);
      })
      .finally(() => {
        this.reloading = null;
      });
    return this.reloading;
  }

  /** Every database this server holds open (for clean-ups and closing). */
  all(): Database[] {
    return [...new Set([this.main, ...(this.replica ? [this.replica] : []), ...this.dedicated.values()])];
  }
}
