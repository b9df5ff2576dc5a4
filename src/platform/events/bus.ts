import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** A committed event as the realtime consumers see it: thin, and always tagged with its organization. */
export interface PublishedEvent {
  orgId: string;
  seq: number;
  id: string;
  type: string;
  subjectId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

export type EventListener = (event: PublishedEvent) => void;

/** Work that must be done for a committed event before anyone hears of it (dropping derived caches). */
export type PublishHook = (event: PublishedEvent) => void | Promise<void>;

/**
 * Fan-out of committed events to this instance's subscribers and, with Redis, to every
 * other instance. Listeners are registered per organization and an event is handed only
 * to its own organization's listeners, whatever arrives on the channel.
 */
export interface EventBus {
  publish(event: PublishedEvent): Promise<void>;
  subscribe(orgId: string, listener: EventListener): () => void;
  /**
   * Runs `hook` for every event of any organization committed through this instance, awaited
   * before the event reaches any subscriber here or elsewhere, so state derived from the
   * organization's data (a cached aggregate) is dropped before a client can react to the event.
   * Not run for events arriving from other instances (their own instance ran it). A failing
   * hook is logged and does not stop the publish. Answers a function that removes the hook.
   */
  onPublish(hook: PublishHook): () => void;
  /** Number of listeners of this instance (for metrics and tests). */
  listenerCount(): number;
  close(): Promise<void>;
}

/** One channel for all organizations; the organization travels in the message and is checked on delivery. */
export const EVENTS_CHANNEL = 'monopilot:events';

interface WireMessage {
  origin: string;
  event: PublishedEvent;
}

export async function createEventBus(options: { redisUrl?: string; log: Logger }): Promise<EventBus> {
  const listeners = new Map<string, Set<EventListener>>();
  const hooks = new Set<PublishHook>();
  const origin = randomUUID();
  const dispatch = (event: PublishedEvent) => {
    for (const listener of listeners.get(event.orgId) ?? []) {
      try {
        listener(event);
      } catch (error) {
        options.log.warn({ err: error }, 'event listener failed');
      }
    }
  };
  const redis = options.redisUrl ? await connectRedisPair(options.redisUrl, origin, dispatch, options.log) : null;

  return {
    async publish(event) {
      for (const hook of hooks) {
        try {
          await hook(event);
        } catch (error) {
          options.log.warn({ err: error }, 'event publish hook failed');
        }
      }
      // This instance's subscribers hear of it at once; the others through Redis.
      dispatch(event);
      if (!redis) return;
      try {
        await redis.publisher.publish(EVENTS_CHANNEL, JSON.stringify({ origin, event } satisfies WireMessage));
      } catch (error) {
        // Clients of other instances catch up from the table on their next event or reconnect.
        options.log.warn({ err: error }, 'could not publish event to redis');
      }
    },
    subscribe(orgId, listener) {
      let set = listeners.get(orgId);
      if (!set) listeners.set(orgId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(orgId) === set) listeners.delete(orgId);
      };
    },
    onPublish(hook) {
      hooks.add(hook);
      return () => {
        hooks.delete(hook);
      };
    },
    listenerCount: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
    async close() {
      listeners.clear();
      hooks.clear();
      if (redis) {
        redis.subscriber.disconnect();
        redis.publisher.disconnect();
      }
    },
  };
}

async function connectRedisPair(url: string, origin: string, dispatch: (event: PublishedEvent) => void, log: Logger) {
  // A subscribed connection can do nothing else, so publishing gets a connection of its own.
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, connectTimeout: 1000, retryStrategy: (attempt) => Math.min(attempt * 200, 5000) });
  const publisher = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1000, retryStrategy: (attempt) => Math.min(attempt * 200, 5000) });
  subscriber.on('error', () => undefined);
  publisher.on('error', () => undefined);
  subscriber.on('message', (_channel: string, message: string) => {
    let parsed: WireMessage;
    try {
      parsed = JSON.parse(message) as WireMessage;
    } catch {
      return;
    }
    if (parsed.origin === origin || !isPublishedEvent(parsed.event)) return;
    dispatch(parsed.event);
  });
  // Waits (briefly) for the subscription so that an instance that says it is up hears every event;
  // without Redis it starts anyway and subscribes once Redis is back.
  await Promise.race([
    subscriber.subscribe(EVENTS_CHANNEL),
    new Promise((resolve) => setTimeout(resolve, 3000).unref()),
  ]).catch((error: unknown) => log.warn({ err: error }, 'could not subscribe to redis events'));
  return { subscriber, publisher };
}

function isPublishedEvent(value: unknown): value is PublishedEvent {
  const event = value as PublishedEvent | null;
  return !!event && typeof event.orgId === 'string' && typeof event.seq === 'number' && typeof event.type === 'string';
}
