import { notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, useInfiniteQuery, useQuery, type QueryKey } from '@tanstack/react-query';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import { i18n } from '../i18n';
import { api, ApiError, type Page } from './client';
import { fieldErrorText, fieldLabel, hasOwnText, problemText } from './problem-text';
import { useRecordsById } from './lookups';

/** A Mantine form, as far as showing server errors next to its fields needs. */
export interface FormLike {
  getValues(): unknown;
  setFieldError(path: string, message: string): void;
}

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** Field errors of a problem+json land on this form's fields; the rest becomes a notification. */
      form?: FormLike;
      /** The screen shows the error itself. */
      silent?: boolean;
    };
    queryMeta: { silent?: boolean };
  }
}

function hasPath(values: unknown, path: string): boolean {
  let node: unknown = values;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

/** Puts each field error on its field; answers the errors that name no field of the form. */
export function showOnForm(form: FormLike, error: ApiError): ApiError['problem']['errors'] {
  const values = form.getValues();
  const rest = [];
  for (const fieldError of error.problem.errors ?? []) {
    if (hasPath(values, fieldError.path)) form.setFieldError(fieldError.path, fieldErrorText(fieldError));
    else rest.push(fieldError);
  }
  return rest;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return i18n.t('errors.network');
    if (error.isMissingEndpoint) return i18n.t('errors.notYetAvailable');
    if (error.status === 403 && !error.problem.code) return i18n.t('errors.forbidden');
    return problemText(error.problem);
  }
  return error instanceof Error ? error.message : String(error);
}

export function notifyError(error: unknown, title?: string): void {
  // A problem the app has its own sentence for says it whole; otherwise each field says what is wrong with it.
  const fields = error instanceof ApiError && !hasOwnText(error.problem) ? (error.problem.errors ?? []) : [];
  const message = fields.length > 0 ? fields.map((field) => `${fieldLabel(field.path)}: ${fieldErrorText(field)}`).join('\n') : errorMessage(error);
  notifications.show({ color: 'red', title: title ?? i18n.t('errors.title'), message, autoClose: 8000 });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: true,
      },
    },
    queryCache: new QueryCache({
      // A failed background refetch of data already on screen would otherwise go unnoticed.
      onError: (error, query) => {
        if (query.state.data !== undefined && !query.meta?.silent) notifyError(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.silent) return;
        const form = mutation.meta?.form;
        if (form && error instanceof ApiError && error.problem.errors?.length) {
          const rest = showOnForm(form, error);
          if (rest && rest.length > 0) notifyError(new ApiError({ ...error.problem, errors: rest }));
          return;
        }
        notifyError(error);
      },
    }),
  });
}

type Params = Record<string, string | number | boolean | null | undefined>;

/** A paged list with "load more"; the key is the path and the filters. */
export function useList<T>(path: string, params: Params = {}, options: { enabled?: boolean; limit?: number; refetchInterval?: number } = {}) {
  const query = useInfiniteQuery({
    queryKey: [path, 'list', params] as QueryKey,
    queryFn: ({ pageParam, signal }) => api<Page<T>>(path, { query: { ...params, limit: options.limit ?? 50, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled,
    refetchInterval: options.refetchInterval,
  });
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  return { ...query, items };
}

/** Every page of a list, fetched one after the other (for short configuration lists: roles, warehouses, lines). */
async function allPages<T>(path: string, params: Params, signal: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Page<T>>(path, { query: { ...params, limit: 500, cursor }, signal });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/**
 * Records of a list for other screens: `byId` resolves only the ids a render asks about (batched
 * `?ids=` reads, see lookups.ts), and `items`, the whole list (every page), is fetched only once a
 * render reads it, so a screen that shows names never loads whole lists.
 */
export function useLookup<T extends { id: string }>(path: string, params: Params = {}, enabled = true) {
  const byId = useRecordsById<T>(path, enabled);
  const [isListWanted, wantList] = useReducer(() => true, false);
  const listRead = useRef(false);
  const query = useQuery({
    queryKey: [path, 'lookup', params] as QueryKey,
    queryFn: ({ signal }) => allPages<T>(path, params, signal),
    enabled: enabled && isListWanted,
    staleTime: 60_000,
    meta: { silent: true },
  });
  useEffect(() => {
    if (listRead.current && !isListWanted) wantList();
  });
  const items = query.data ?? noItems;
  return {
    ...query,
    byId,
    get items(): T[] {
      listRead.current = true;
      return items as T[];
    },
  };
}

const noItems: never[] = [];

/** One record. */
export function useRecord<T>(path: string | null) {
  return useQuery({
    queryKey: [path],
    queryFn: ({ signal }) => api<T>(path!, { signal }),
    enabled: path !== null,
  });
}
