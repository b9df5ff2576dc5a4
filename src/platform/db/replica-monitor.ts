import type { Logger } from 'pino';
import type { Database } from './database.js';
import { parseLsn } from './lsn.js';

/** How often the replica is asked how far it has replayed (and the primary where it is). */
const POLL_MS = 500;
/** A replica that takes longer than this to answer the poll counts as down until it answers again. */
const POLL_TIMEOUT_MS = 800;
/** Primary positions kept to judge lag by: enough for the longest lag worth measuring. */
const SAMPLES_KEPT = 600;

export interface ReplicaState {
  up: boolean;
  /** Seconds of the primary's history the replica has not replayed yet (0 when it has all but the last half second). */
  lagSeconds: number;
  replayedLsn: bigint | null;
}

/**
 * Watches a streaming replica from the primary's side. Lag is measured as data staleness: the
 * primary's WAL position is sampled with the time, and the replica's lag is the age of the
 * newest sample it has replayed past. That stays true when the replica has lost its primary
 * (its own replay clock would say "no lag" while it falls behind) and when nothing is written.
 */
export class ReplicaMonitor {
  private samples: { at: number; lsn: bigint }[] = [];
  private current: ReplicaState = { up: false, lagSeconds: Infinity, replayedLsn: null };
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;

  constructor(
    private readonly primary: Database,
    private readonly replica: Database,
    private readonly log: Pick<Logger, 'warn' | 'info'>,
  ) {}

  get state(): ReplicaState {
    return this.current;
  }

  start(): Promise<void> {
    this.timer = setInterval(() => void this.poll(), POLL_MS).unref();
    return this.poll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** A report found the replica unreachable: use the primary until the next poll says otherwise. */
  markDown(): void {
    if (this.current.up) this.log.warn('read replica unreachable; reports read the primary');
    this.current = { ...this.current, up: false };
  }

  poll(): Promise<void> {
    this.polling ??= this.measure().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private async measure(): Promise<void> {
    try {
      const [primary] = await this.primary.withSession((session) => session.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn'));
      this.samples.push({ at: Date.now(), lsn: parseLsn(primary!.lsn) });
      if (this.samples.length > SAMPLES_KEPT) this.samples.shift();
    } catch {
      return; // The primary's own trouble is not the replica's; keep the last judgement.
    }
    try {
      const [replica] = await withTimeout(this.replica.withSession((session) => session.query<{ lsn: string | null }>('select pg_last_wal_replay_lsn()::text as lsn')));
      const replayedLsn = replica?.lsn ? parseLsn(replica.lsn) : null;
      if (!this.current.up) this.log.info('read replica answering');
      this.current = { up: replayedLsn !== null, lagSeconds: this.lagOf(replayedLsn), replayedLsn };
    } catch {
      this.markDown();
    }
  }

  private lagOf(replayed: bigint | null): number {
    if (replayed === null) return Infinity;
    const newest = this.samples.at(-1)!;
    if (replayed >= newest.lsn) return 0;
    const reached = this.samples.findLast((sample) => sample.lsn <= replayed);
    // Behind every sample kept: at least as old as the oldest.
    return (Date.now() - (reached ?? this.samples[0]!).at) / 1000;
  }
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('replica poll timed out')), POLL_TIMEOUT_MS).unref())]);
}
