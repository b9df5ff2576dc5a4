import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { api, endSession, getSession, onSessionChange, restoreSession, startSession as startServerSession } from '../api/client';
import type { Level, Me, Module, OrgSettings, Session } from '../api/types';
import { applyOrganizationLanguage, i18n } from '../i18n';
import { setOrganizationTimeZone } from '../organization-time';

interface SessionState {
  isSignedIn: boolean;
  /** Still asking the server whether the refresh cookie holds a session (page load). */
  isRestoring: boolean;
  /** Why that question could not be answered (server down, ...), if it failed. */
  restoreError: unknown;
  retryRestore(): void;
  me: Me | undefined;
  isLoading: boolean;
  /** Why the signed-in person could not be loaded (server down, ...), if it failed. */
  meError: unknown;
  retryMe(): void;
  startSession(path: '/auth/login' | '/auth/signup', body: unknown): Promise<Session>;
  signOut(): Promise<void>;
  can(module: Module, level?: Exclude<Level, 'none'>): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

const subscribe = (onChange: () => void) => onSessionChange(onChange);

/** Who is signed in, with which rights; ends the session everywhere when the server stops accepting it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useSyncExternalStore(subscribe, getSession);
  const signingOut = useRef(false);

  useEffect(() => {
    // A reload keeps a signed-in person signed in: the refresh cookie survives it, the access token does not.
    if (getSession().status === 'restoring') void restoreSession();
  }, []);

  useEffect(
    () =>
      onSessionChange((next, previous) => {
        // Nothing of one person's data may stay on screen for the next one.
        if (previous.userId && previous.userId !== next.userId) queryClient.clear();
        if (previous.status === 'signed-in' && next.status === 'signed-out' && !signingOut.current) {
          notifications.show({ color: 'yellow', message: i18n.t('auth.sessionEnded'), autoClose: 6000 });
        }
      }),
    [queryClient],
  );

  const isSignedIn = session.status === 'signed-in';
  const meQuery = useQuery({ queryKey: ['/me'], queryFn: ({ signal }) => api<Me>('/me', { signal }), enabled: isSignedIn, staleTime: 60_000 });
  const settingsQuery = useQuery({
    queryKey: ['/settings'],
    queryFn: ({ signal }) => api<OrgSettings>('/settings', { signal }),
    enabled: isSignedIn && meQuery.isSuccess,
    meta: { silent: true },
  });
  useEffect(() => {
    if (settingsQuery.data) applyOrganizationLanguage(settingsQuery.data.locale);
    setOrganizationTimeZone(settingsQuery.data?.timezone);
  }, [settingsQuery.data]);

  const startSession = useCallback(
    (path: '/auth/login' | '/auth/signup', body: unknown) => {
      queryClient.clear();
      signingOut.current = false;
      return startServerSession<Session>(path, body);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    signingOut.current = true;
    await endSession();
    queryClient.clear();
  }, [queryClient]);

  const me = isSignedIn ? meQuery.data : undefined;
  const can = useCallback(
    (module: Module, level: Exclude<Level, 'none'> = 'read') => {
      const granted = me?.permissions[module] ?? 'none';
      return level === 'read' ? granted !== 'none' : granted === 'write';
    },
    [me],
  );

  const isRestoring = session.status === 'restoring';
  const restoreError = session.status === 'unreachable' ? session.error : null;
  const retryRestore = useCallback(() => void restoreSession(), []);
  const meError = isSignedIn && meQuery.isError ? meQuery.error : null;
  const refetchMe = meQuery.refetch;
  const retryMe = useCallback(() => void refetchMe(), [refetchMe]);
  const value = useMemo(
    () => ({ isSignedIn, isRestoring, restoreError, retryRestore, me, isLoading: isSignedIn && meQuery.isPending, meError, retryMe, startSession, signOut, can }),
    [isSignedIn, isRestoring, restoreError, retryRestore, me, meQuery.isPending, meError, retryMe, startSession, signOut, can],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
