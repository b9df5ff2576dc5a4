import { useQueries, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import { api, type Page } from './client';

// Names of the ids on screen, resolved by id: every id a render asks for is collected, and all ids
// asked for within a moment go to the server as one `GET <path>?ids=…` per 100 ids. Each record is
// then cached by react-query under [path, 'id', id], so invalidating a path refreshes its names too.
// No list is loaded whole, so nothing stops at a first page.

const batchSize = 100;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Waiting {
  resolve: (record: unknown) => void;
  reject: (error: unknown) => void;
}

const pending = new Map<string, Map<string, Waiting[]>>();

async function flush(path: string): Promise<void> {
  const waiting = pending.get(path);
  pending.delete(path);
  if (!waiting) return;
  const ids = [...waiting.keys()];
  for (let start = 0; start < ids.length; start += batchSize) {
    const chunk = ids.slice(start, start + batchSize);
    try {
      const page = await api<Page<{ id: string }>>(path, { query: { ids: chunk.join(','), limit: chunk.length } });
      const found = new Map(page.items.map((item) => [item.id, item]));
      for (const id of chunk) for (const waiter of waiting.get(id)!) waiter.resolve(found.get(id) ?? null);
    } catch (error) {
      for (const id of chunk) for (const waiter of waiting.get(id)!) waiter.reject(error);
    }
  }
}

/** One record by id, fetched together with the other ids asked for in the same moment; null when there is none. */
export function loadById<T>(path: string, id: string): Promise<T | null> {
  if (!uuid.test(id)) return Promise.resolve(null);
  return new Promise<T | null>((resolve, reject) => {
    let waiting = pending.get(path);
    if (!waiting) {
      waiting = new Map();
      pending.set(path, waiting);
      setTimeout(() => void flush(path), 5);
    }
    const key = id.toLowerCase();
    waiting.set(key, [...(waiting.get(key) ?? []), { resolve: resolve as (record: unknown) => void, reject }]);
  });
}

/** Read-only, map-shaped access to records by id: `get` asks for the id when it is not known yet. */
export interface RecordsById<T> {
  get(id: string | null | undefined): T | undefined;
  has(id: string | null | undefined): boolean;
}

/**
 * Records of `path` by id, for the ids this component asks about while rendering: unknown ids are
 * fetched after the render (batched, see loadById) and the component renders again with them.
 */
export function useRecordsById<T extends { id: string }>(path: string, enabled = true): RecordsById<T> {
  const queryClient = useQueryClient();
  const wanted = useRef(new Set<string>());
  const [ids, addIds] = useReducer((known: readonly string[], more: readonly string[]) => {
    const added = more.filter((id) => !known.includes(id));
    return added.length === 0 ? known : [...known, ...added];
  }, []);
  const records = useQueries({
    queries: ids.map((id) => ({
      queryKey: [path, 'id', id],
      queryFn: () => loadById<T>(path, id),
      staleTime: 60_000,
      enabled,
      meta: { silent: true },
    })),
    combine: (results) => results.map((result) => result.data),
  });
  const byId = useMemo(() => {
    const map = new Map<string, T>();
    records.forEach((record, index) => {
      if (record) map.set(ids[index]!, record);
    });
    return map;
  }, [records, ids]);
  // After every render: fetch what it asked for and does not have yet.
  useEffect(() => {
    if (!enabled) return;
    const unknown = [...wanted.current].filter((id) => !ids.includes(id));
    if (unknown.length > 0) addIds(unknown);
  });
  return useMemo(
    () => ({
      get: (id) => {
        if (!id) return undefined;
        // Another screen part may have resolved it already (a picker's choice): an event handler, which
        // cannot wait for a fetch, still finds it.
        const record = byId.get(id) ?? queryClient.getQueryData<T | null>([path, 'id', id]) ?? undefined;
        if (!byId.has(id)) wanted.current.add(id);
        return record;
      },
      has: (id) => !!id && (byId.has(id) || !!queryClient.getQueryData([path, 'id', id])),
    }),
    [byId, queryClient, path],
  );
}

/** Records a list or search answered, kept by id too, so that names of what was just shown or chosen need no second read. */
export function primeRecords(queryClient: QueryClient, path: string, records: readonly { id: string }[]): void {
  for (const record of records) {
    if (queryClient.getQueryData([path, 'id', record.id]) === undefined) queryClient.setQueryData([path, 'id', record.id], record);
  }
}
