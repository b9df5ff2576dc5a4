import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
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
 * kept on the device, and answered from there with its age when the network is gone.
 */
export async function readThrough<T>(path: string, signal?: AbortSignal): Promise<Cached<T>> {
  const db = await scannerDb();
  const userId = currentUserId();
  try {
    const data = await api<T>(path, { signal });
    const at = Date.now();
    await db.put('reads', { path, userId, data, at });
    return { data, at, isStale: false };
  } catch (error) {
    const offline = error instanceof ApiError && (error.status === 0 || error.status >= 500 || error.status === 401);
    const kept = offline ? await db.get('reads', path) : undefined;
    if (kept && (!kept.userId || kept.userId === userId)) return { data: kept.data as T, at: kept.at, isStale: true };
    throw error;
  }
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
