import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TenantRegistry } from './tenant-registry.js';

/** Where a move announces that an organization's placement changed (the message is its orgId). */
export const PLACEMENTS_CHANNEL = 'monopilot:placements';

export interface PlacementWatch {
  stop(): Promise<void>;
}

/**
 * Keeps a server's copy of the directory current: at once when a move is announced over Redis
 * (when configured), and every pollSeconds in any case. Neither is what keeps answers right (a
 * database the organization has left refuses it, and the door then reads the directory again);
 * they spare that retry.
 */
export function watchPlacements(registry: TenantRegistry, options: { redisUrl?: string; pollSeconds: number; log: Logger }): PlacementWatch {
  const reload = () =>
    registry.reload().catch((err: unknown) => options.log.warn({ err }, 'could not read the directory of placements'));
  const timer = setInterval(() => void reload(), options.pollSeconds * 1000).unref();
  let subscriber: Redis | null = null;
  if (options.redisUrl) {
    subscriber = new Redis(options.redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
    subscriber.on('error', (err) => options.log.warn({ err }, 'placement announcements: Redis error'));
    subscriber.on('message', () => void reload());
    void subscriber.subscribe(PLACEMENTS_CHANNEL).catch((err: unknown) => options.log.warn({ err }, 'could not subscribe to placement announcements'));
  }
  return {
    stop() {
      clearInterval(timer);
      // disconnect, not quit: quit waits for a Redis that may never have answered.
      subscriber?.disconnect();
      return Promise.resolve();
    },
  };
}

/** Tells every server instance sharing this Redis that an organization's placement changed. */
export async function announcePlacement(redisUrl: string, orgId: string): Promise<void> {
  const publisher = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  try {
    await publisher.connect();
    await publisher.publish(PLACEMENTS_CHANNEL, orgId);
  } finally {
    publisher.disconnect();
  }
}
