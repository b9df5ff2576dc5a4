import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Database } from './database.js';
import { parseLsn } from './lsn.js';
import { ReplicaMonitor, type ReplicaState } from './replica-monitor.js';

/** How long a user's last write position is remembered: far longer than any lag a replica is used with. */
const POSITION_TTL_SECONDS = 120;

export interface ReadRoutingOptions {
  /** Past this lag the replica is not read (REPLICA_MAX_LAG_SECONDS). */
  maxLagSeconds: number;
  /** With Redis, a write's position reaches every instance, so a user's next request may go to any. */
  redisUrl?: string;
  log: Pick<Logger, 'warn' | 'info'>;
}

/**
 * Decides, for each report, whether the read replica may answer it: it must be up, no further
 * behind than maxLagSeconds, and past the last write of the user asking (read your own writes:
 * every write transaction of a user on the primary leaves its commit position here).
 */
export class ReadRouting {
  readonly monitor: ReplicaMonitor;
  private readonly positions = new Map<string, { lsn: bigint; until: number }>();
  private readonly redis: Redis | null;

  constructor(
    primary: Database,
    readonly replica: Database,
    private readonly options: ReadRoutingOptions,
  ) {
    this.monitor = new ReplicaMonitor(primary, replica, options.log);
    this.redis = options.redisUrl ? new Redis(options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false }) : null;
    this.redis?.on('error', () => undefined);
  }

  get state(): ReplicaState {
    return this.monitor.state;
  }

  start(): Promise<void> {
    return this.monitor.start();
  }

  async stop(): Promise<void> {
    this.monitor.stop();
    this.redis?.disconnect();
  }

  /** Called after a user's write committed on the primary, before the answer leaves. */
  async rememberWrite(orgId: string, userId: string, lsnText: string): Promise<void> {
    const lsn = parseLsn(lsnText);
    this.positions.set(keyOf(orgId, userId), { lsn, until: Date.now() + POSITION_TTL_SECONDS * 1000 });
    await this.redis?.set(keyOf(orgId, userId), lsnText, 'EX', POSITION_TTL_SECONDS).catch(() => undefined);
  }

  /** Whether this user's report may read the replica now. */
  async mayRead(orgId: string, userId: string | null | undefined): Promise<boolean> {
    const state = this.monitor.state;
    if (!state.up || state.lagSeconds > this.options.maxLagSeconds || state.replayedLsn === null) return false;
    if (!userId) return true;
    const written = await this.lastWriteOf(orgId, userId);
    return written === null || state.replayedLsn >= written;
  }

  private async lastWriteOf(orgId: string, userId: string): Promise<bigint | null> {
    const key = keyOf(orgId, userId);
    const local = this.positions.get(key);
    if (local && local.until < Date.now()) this.positions.delete(key);
    const fromOtherInstances = this.redis ? await this.redis.get(key).catch(() => null) : null;
    const shared = fromOtherInstances ? parseLsn(fromOtherInstances) : null;
    const mine = local && local.until >= Date.now() ? local.lsn : null;
    if (mine === null) return shared;
    return shared === null || mine > shared ? mine : shared;
  }
}

const keyOf = (orgId: string, userId: string) => `monopilot:write-position:${orgId}:${userId}`;
