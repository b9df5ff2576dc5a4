import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, getTokens, onTokensChange, setTokens, type Tokens } from '../api/client';
import type { Level, Me, Module, OrgSettings, Session } from '../api/types';
import { applyOrganizationLanguage, i18n } from '../i18n';

interface SessionState {
  isSignedIn: boolean;
  me: Me | undefined;
  isLoading: boolean;
  /** Why the signed-in person could not be loaded (server down, ...), if it failed. */
  meError: unknown;
  retryMe(): void;
  startSession(session: Session): void;
  signOut(): Promise<void>;
  can(module: Module, level?: Exclude<Level, 'none'>): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

/** Who is signed in, with which rights; ends the session everywhere when the server stops accepting it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [tokens, setTokenState] = useState<Tokens | null>(getTokens);
  const signingOut = useRef(false);

  useEffect(
    () =>
      onTokensChange((next) => {
        setTokenState((previous) => {
          if (previous && !next) {
            queryClient.clear();
            if (!signingOut.current) notifications.show({ color: 'yellow', message: i18n.t('auth.sessionEnded'), autoClose: 6000 });
          }
          return next;
        });
      }),
    [queryClient],
  );

  const isSignedIn = tokens !== null;
  const meQuery = useQuery({ queryKey: ['/me'], queryFn: ({ signal }) => api<Me>('/me', { signal }), enabled: isSignedIn, staleTime: 60_000 });
  const settingsQuery = useQuery({
    queryKey: ['/settings'],
    queryFn: ({ signal }) => api<OrgSettings>('/settings', { signal }),
    enabled: isSignedIn && meQuery.isSuccess,
    meta: { silent: true },
  });
  useEffect(() => {
    if (settingsQuery.data) applyOrganizationLanguage(settingsQuery.data.locale);
  }, [settingsQuery.data]);

  const startSession = useCallback(
    (session: Session) => {
      queryClient.clear();
      signingOut.current = false;
      setTokens({ accessToken: session.accessToken, refreshToken: session.refreshToken });
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    const current = getTokens();
    signingOut.current = true;
    if (current) {
      await api('/auth/logout', { method: 'POST', body: { refreshToken: current.refreshToken } }).catch(() => undefined);
    }
    setTokens(null);
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

  const meError = isSignedIn && meQuery.isError ? meQuery.error : null;
  const refetchMe = meQuery.refetch;
  const retryMe = useCallback(() => void refetchMe(), [refetchMe]);
  const value = useMemo(
    () => ({ isSignedIn, me, isLoading: isSignedIn && meQuery.isPending, meError, retryMe, startSession, signOut, can }),
    [isSignedIn, me, meQuery.isPending, meError, retryMe, startSession, signOut, can],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
