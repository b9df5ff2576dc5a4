import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { redisBusDriver, redisDriver } from 'bentocache/drivers/redis';
import { Redis, type RedisOptions } from 'ioredis';

export interface CheckResult {
  status: 'ok' | 'error';
  latencyMs: number;
}

export interface CachedRead<T> {
  orgId: string;
  key: string;
  ttl: string;
  tags?: string[];
  factory: () => Promise<T>;
  /**
   * With Redis: read Redis on every call, never an in-process copy, because the next request may
   * reach another instance before the invalidation bus does (who may do what: a role taken away
   * must refuse the very next request, wherever it lands). Without Redis there is one instance.
   */
  isFreshOnEveryInstance?: boolean;
}

/**
 * The application's cache: an in-memory tier, plus Redis as a second tier and
 * invalidation bus when configured. Every key and tag carries its organization,
 * so one tenant's entry can never answer another's read.
 */
export interface Cache {
  readonly redis: Redis | null;
  getOrSet<T>(read: CachedRead<T>): Promise<T>;
  invalidateTags(orgId: string, tags: string[]): Promise<void>;
  ping(): Promise<CheckResult>;
  close(): Promise<void>;
}

export const REPEAT_INVALIDATION_MS = 1000;

export const orgKey = (orgId: string, key: string) => `org:${orgId}:${key}`;

export function createCache(options: { redisUrl?: string; prefix?: string } = {}): Cache {
  const redis = options.redisUrl ? connectRedis(options.redisUrl) : null;
  const store = bentostore().useL1Layer(memoryDriver({ maxSize: '64mb' }));
  if (redis) {
    store.useL2Layer(redisDriver({ connection: redis, prefix: options.prefix ?? 'mp' })).useBus(
      redisBusDriver({ connection: busConnectionFactory(options.redisUrl!), retryQueue: { enabled: false } }),
    );
  }
  // The same cache without the in-process tier, for reads that must be fresh on every instance.
  const shared = redis ? bentostore().useL2Layer(redisDriver({ connection: redis, prefix: `${options.prefix ?? 'mp'}-shared` })) : store;
  const bento = new BentoCache({
    default: 'app',
    stores: { app: store, shared },
    prefix: options.prefix ?? 'mp',
    // Jitter spreads expiries so that a fleet's entries don't all refill in the same second.
    ttl: '5m',
    // No grace: bentocache serves a tag-invalidated entry once more while it refreshes in
    // the background, and a change must be visible on the very next read.
    grace: false,
    suppressL2Errors: true,
  });
  // bentocache builds the store (and subscribes its bus) on first use; building it now means
  // this instance hears invalidations from the start, and a close right after start-up does
  // not open connections only to drop them.
  bento.use();
  const stores = redis ? (['app', 'shared'] as const) : (['app'] as const);

  const pending = new Set<NodeJS.Timeout>();

  return {
    redis,
    getOrSet: ({ orgId, key, ttl, tags = [], factory, isFreshOnEveryInstance }) =>
      (isFreshOnEveryInstance && redis ? bento.use('shared') : bento).getOrSet({
        key: orgKey(orgId, key),
        ttl: withJitter(ttl),
        tags: [`org:${orgId}`, ...tags.map((tag) => orgKey(orgId, tag))],
        factory,
      }),
    async invalidateTags(orgId, tags) {
      const keys = tags.map((tag) => orgKey(orgId, tag));
      const drop = () => Promise.all(stores.map((name) => bento.use(name).deleteByTag({ tags: keys })));
      await drop();
      // A read whose query began before the change committed can store its old answer just
      // after this drop; dropping once more a moment later removes it.
      const again = setTimeout(() => {
        pending.delete(again);
        void drop().catch(() => undefined);
      }, REPEAT_INVALIDATION_MS).unref();
      pending.add(again);
    },
    async ping() {
      const started = performance.now();
      if (!redis) return { status: 'ok', latencyMs: 0 };
      try {
        await withTimeout(redis.ping(), 1000);
        return { status: 'ok', latencyMs: elapsed(started) };
      } catch {
        return { status: 'error', latencyMs: elapsed(started) };
      }
    },
    async close() {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      await bento.disconnectAll().catch(() => undefined);
      redis?.disconnect();
    },
  };
}

function connectRedis(url: string, overrides: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    // Fail fast while Redis is away: the cache degrades to memory rather than holding requests.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
    ...overrides,
  });
  redis.on('error', () => undefined);
  return redis;
}

/**
 * The invalidation bus duplicates the connection it is given into a publisher and a
 * subscriber. The subscriber must keep an offline queue (it subscribes before Redis is
 * reachable, and again after an outage); but a publish or quit waiting in that queue
 * while Redis is away would hold the request or the shutdown that made it. So the
 * duplicates publish and quit only when connected, and fail or disconnect at once otherwise.
 */
function busConnectionFactory(url: string): Redis {
  const template = connectRedis(url, { lazyConnect: true });
  template.duplicate = () => {
    const connection = connectRedis(url, { enableOfflineQueue: true, maxRetriesPerRequest: null });
    const publish = connection.publish.bind(connection) as (channel: string | Buffer, message: string | Buffer) => Promise<number>;
    Object.assign(connection, {
      publish: (channel: string | Buffer, message: string | Buffer) =>
        connection.status === 'ready' ? publish(channel, message) : Promise.reject(new Error('redis is not connected')),
      quit: async () => {
        connection.disconnect();
        return 'OK';
      },
    });
    return connection;
  };
  return template;
}

function withJitter(ttl: string): number {
  const ms = parseDuration(ttl);
  return Math.round(ms * (0.9 + Math.random() * 0.2));
}

function parseDuration(value: string): number {
  const match = /^(\d+)(ms|s|m|h)$/.exec(value);
  if (!match) throw new Error(`bad duration ${value}`);
  const units = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
  return Number(match[1]) * units[match[2] as keyof typeof units];
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 100) / 100;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
