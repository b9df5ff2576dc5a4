import { useQuery } from '@tanstack/react-query';
import { api, ApiError, type Page } from '../../api/client';
import { currentUserId } from './outbox';
import { scannerDb } from './db';

export interface Cached<T> {
  data: T;
  /** When it was fetched from the server (ms). */
  at: number;
  /** Read from the device because the server could not be reached. */
  isStale: boolean;
}

/**
 * A read the floor needs offline (a work order, a purchase order, the locations): fetched when it can be,
 * kept on the device under `key`, and answered from there with its age when the network is gone.
 */
async function keptOnDevice<T>(key: string, fetch: () => Promise<T>): Promise<Cached<T>> {
  const db = await scannerDb();
  const userId = currentUserId();
  try {
    const data = await fetch();
    const at = Date.now();
    await db.put('reads', { path: key, userId, data, at });
    return { data, at, isStale: false };
  } catch (error) {
    const offline = error instanceof ApiError && (error.status === 0 || error.status >= 500 || error.status === 401);
    const kept = offline ? await db.get('reads', key) : undefined;
    if (kept && (!kept.userId || kept.userId === userId)) return { data: kept.data as T, at: kept.at, isStale: true };
    throw error;
  }
}

export const readThrough = <T>(path: string, signal?: AbortSignal) => keptOnDevice(path, () => api<T>(path, { signal }));

/** Every page of a list, one after the other: a plant's products and locations, however many. */
async function allPages<T>(path: string, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Page<T>>(path, { query: { limit: 500, cursor }, signal });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** A whole list kept on the device as one read (its own key: an older one-page copy never answers for it). */
export const readAllThrough = <T>(path: string, signal?: AbortSignal) => keptOnDevice(`${path}#all`, () => allPages<T>(path, signal));

/** The whole list of `path` (every page), kept on the device like useCachedRead. */
export function useCachedList<T>(path: string) {
  return useQuery({
    queryKey: ['scan', path, 'all'],
    queryFn: ({ signal }) => readAllThrough<T>(path, signal),
    networkMode: 'always',
    retry: false,
    meta: { silent: true },
  });
}

export function useCachedRead<T>(path: string | null) {
  return useQuery({
    queryKey: ['scan', path],
    queryFn: ({ signal }) => readThrough<T>(path!, signal),
    enabled: path !== null,
    // Offline is exactly when this must run: the device's copy answers.
    networkMode: 'always',
    retry: false,
    meta: { silent: true },
  });
}
