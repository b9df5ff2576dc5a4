import { useSyncExternalStore } from 'react';
import type { QueuedAction } from './db';
import { outboxSnapshot, subscribeOutbox } from './outbox';

/** Every action on this device (pending, refused and the last few sent), oldest first. */
export function useOutbox(): QueuedAction[] {
  return useSyncExternalStore(subscribeOutbox, outboxSnapshot);
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      window.addEventListener('online', onChange);
      window.addEventListener('offline', onChange);
      return () => {
        window.removeEventListener('online', onChange);
        window.removeEventListener('offline', onChange);
      };
    },
    () => navigator.onLine,
  );
}
