import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useSession } from '../auth/session';
import { ApiError, freshAccessToken, request, withQuery } from './client';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'unavailable' | 'off';

export interface LiveEvent {
  type: string;
  data: Record<string, unknown>;
}

const eventTypes = ['work_order.updated', 'consumption.created', 'consumption.reversed', 'license_plate.created', 'license_plate.qa_changed', 'license_plate.expiring', 'purchase_order.updated', 'receipt.created', 'shipment.created'];

/** Which cached lists an event makes stale (the payload is thin: ids and status). */
const staleBy: Record<string, string[]> = {
  'work_order.updated': ['/work-orders', '/dashboard', '/trace'],
  // A draw or its reversal changes the order's materials, the plate's qty and status, stock and genealogy.
  'consumption.created': ['/work-orders', '/license-plates', '/stock', '/dashboard', '/trace'],
  'consumption.reversed': ['/work-orders', '/license-plates', '/stock', '/dashboard', '/trace'],
  'license_plate.created': ['/license-plates', '/stock', '/dashboard', '/trace'],
  'license_plate.qa_changed': ['/license-plates', '/stock', '/dashboard'],
  'license_plate.expiring': ['/license-plates', '/dashboard'],
  'purchase_order.updated': ['/purchase-orders', '/dashboard'],
  'receipt.created': ['/receipts', '/purchase-orders', '/license-plates', '/stock', '/dashboard'],
  'shipment.created': ['/shipments', '/license-plates', '/stock', '/dashboard', '/trace'],
};

interface LiveState {
  status: LiveStatus;
  subscribe(listener: (event: LiveEvent) => void): () => void;
}

const LiveContext = createContext<LiveState>({ status: 'off', subscribe: () => () => undefined });

/**
 * One Server-Sent Events connection per tab. Each event refreshes the lists it makes stale; on a
 * drop it reconnects from the last event seen, with an access token refreshed first if it expired or is about to.
 */
export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const { me, can } = useSession();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('off');
  const listeners = useRef(new Set<(event: LiveEvent) => void>());
  const enabled = Boolean(me) && can('production');

  useEffect(() => {
    if (!enabled) {
      setStatus('off');
      return;
    }
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastEventId: string | undefined;
    let failures = 0;
    let stopped = false;

    const dispatch = (type: string) => (message: MessageEvent<string>) => {
      if (message.lastEventId) lastEventId = message.lastEventId;
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(message.data) as Record<string, unknown>;
      } catch {
        // a malformed payload still tells us the type
      }
      for (const prefix of staleBy[type] ?? []) {
        void queryClient.invalidateQueries({ predicate: (query) => typeof query.queryKey[0] === 'string' && query.queryKey[0].startsWith(prefix) });
      }
      for (const listener of listeners.current) listener({ type, data });
    };

    const retry = (delay: number) => {
      if (stopped) return;
      timer = setTimeout(() => void probeAndConnect(), delay);
    };

    // EventSource hides the status of a failed connection; a plain request tells 401 (refresh), 404 (not on this server) and 200 apart.
    const probeAndConnect = async () => {
      const controller = new AbortController();
      try {
        await request('/events', { query: { lastEventId }, signal: controller.signal, accept: 'text/event-stream' });
        controller.abort();
        await connect();
      } catch (error) {
        controller.abort();
        if (stopped) return;
        if (error instanceof ApiError && error.isMissingEndpoint) {
          setStatus('unavailable');
          retry(60_000);
        } else {
          failures += 1;
          setStatus('reconnecting');
          retry(Math.min(30_000, 1000 * 2 ** failures));
        }
      }
    };

    const connect = async () => {
      // The server ends a stream when its access token expires: each connection starts with a token that is not about to.
      const token = await freshAccessToken();
      if (!token || stopped) return;
      let openedAt = 0;
      source = new EventSource(withQuery('/api/v1/events', { access_token: token, lastEventId }));
      source.onopen = () => {
        failures = 0;
        openedAt = Date.now();
        setStatus('live');
      };
      for (const type of eventTypes) source.addEventListener(type, dispatch(type));
      source.onerror = () => {
        source?.close();
        source = null;
        setStatus('reconnecting');
        // What happened while disconnected is replayed from lastEventId; lists are refetched anyway.
        if (openedAt && Date.now() - openedAt > 5_000) {
          // A stream that ran for a while and ended (its token expired, a server restarted): straight back, with a fresh token.
          void connect();
          return;
        }
        failures += 1;
        retry(Math.min(30_000, 500 * 2 ** failures));
      };
    };

    setStatus('connecting');
    void connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [enabled, queryClient]);

  const value = useRef<LiveState>({
    status,
    subscribe: (listener) => {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  });
  value.current = { ...value.current, status };
  return <LiveContext.Provider value={value.current}>{children}</LiveContext.Provider>;
}

export function useLiveStatus(): LiveStatus {
  return useContext(LiveContext).status;
}

/** Calls back on every live event (of one type, if given). */
export function useLiveEvent(listener: (event: LiveEvent) => void, type?: string): void {
  const { subscribe } = useContext(LiveContext);
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(
    () =>
      subscribe((event) => {
        if (!type || event.type === type) latest.current(event);
      }),
    [subscribe, type],
  );
}
