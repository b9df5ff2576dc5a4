/**
 * The one door to the API: attaches the access token, refreshes it quietly on a 401
 * (once for every request waiting, and once across browser tabs), and signs out when
 * the refresh cookie is no longer accepted. Errors arrive as ApiError with the problem+json.
 *
 * The access token lives only in this module's memory; the refresh token lives in an HttpOnly,
 * SameSite=Strict cookie scoped to /api/v1/auth that no script (ours or an injected one) can read.
 */
/** The values a problem's message names (API.md, "error codes"). */
export type ProblemParams = Record<string, string | number | boolean | null>;

export interface FieldError {
  path: string;
  message: string;
  code?: string;
  params?: ProblemParams;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Stable snake_case code the app translates (docs/problem-codes.md); the English detail is the fallback. */
  code?: string;
  params?: ProblemParams;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** The server has no such route yet (a module still being built), as opposed to a record that is missing. */
  get isMissingEndpoint(): boolean {
    return this.status === 404 && this.problem.type.endsWith('/not-found') && this.problem.detail.startsWith('no route for');
  }
}

const networkError = () => new ApiError({ type: 'about:blank#network', title: 'Network error', status: 0, detail: 'the server could not be reached' });

// Earlier versions kept both tokens in localStorage, where any injected script could read them.
try {
  localStorage.removeItem('monopilot.tokens');
} catch {
  // storage disabled: nothing was kept there either
}

/** Asks sign-in, sign-up, refresh and sign-out to keep the refresh token in the HttpOnly cookie, never in the body. */
const cookieMode = { 'x-refresh-cookie': '1' } as const;

/** restoring: asking the server whether the refresh cookie still holds a session (page load, another tab signed in). */
export type SessionStatus = 'restoring' | 'signed-in' | 'signed-out' | 'unreachable';

export interface SessionSnapshot {
  status: SessionStatus;
  /** Whose access token this tab holds (the token's subject). */
  userId: string | null;
  /** Why the session could not be restored, when unreachable. */
  error: ApiError | null;
}

type SessionMessage = { type: 'signed-in'; userId: string | null } | { type: 'signed-out' };

let accessToken: string | null = null;
/** By this tab's clock, measured from when the token arrived, so a skewed clock does not matter. */
let accessTokenExpiresAt = Infinity;
let snapshot: SessionSnapshot = { status: 'restoring', userId: null, error: null };
const listeners = new Set<(next: SessionSnapshot, previous: SessionSnapshot) => void>();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('monopilot.session');

function claimsOf(token: string): { sub?: string; iat?: number; exp?: number } {
  try {
    const payload = token.split('.')[1] ?? '';
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string; iat?: number; exp?: number };
  } catch {
    return {};
  }
}

function setSession(status: SessionStatus, token: string | null, error: ApiError | null = null): void {
  accessToken = token;
  const claims = token ? claimsOf(token) : {};
  accessTokenExpiresAt = claims.exp && claims.iat ? Date.now() + (claims.exp - claims.iat) * 1000 : Infinity;
  const previous = snapshot;
  const userId = claims.sub ?? null;
  if (previous.status === status && previous.userId === userId && previous.error === error) return;
  snapshot = { status, userId, error };
  for (const listener of listeners) listener(snapshot, previous);
}

function tellOtherTabs(message: SessionMessage): void {
  channel?.postMessage(message);
}

channel?.addEventListener('message', (event: MessageEvent<SessionMessage>) => {
  if (event.data.type === 'signed-out') {
    setSession('signed-out', null);
  } else if (event.data.type === 'signed-in' && (snapshot.status !== 'signed-in' || event.data.userId !== snapshot.userId)) {
    // Another tab signed in, perhaps as someone else: this tab takes up the session the shared cookie now holds.
    setSession('restoring', null);
    void restoreSession();
  }
});

export function getSession(): SessionSnapshot {
  return snapshot;
}

/** Called whenever this tab's session starts, ends or changes hands (also because of another tab). */
export function onSessionChange(listener: (next: SessionSnapshot, previous: SessionSnapshot) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type RefreshOutcome = 'refreshed' | 'refused' | 'failed';
let refreshing: Promise<RefreshOutcome> | null = null;
let lastRefreshError: ApiError | null = null;

/**
 * Exchanges the refresh cookie for a new access token (and a new cookie). Refresh tokens rotate and a
 * reused one revokes the whole family, so only one refresh may run at a time: in this tab (one shared
 * promise) and across tabs (a Web Lock: the next tab's refresh starts after this one's answer has set the
 * new cookie, so it sends the new one). `staleAccessToken`: the token a request was refused with; when this
 * tab holds a newer one by then, there is nothing to do.
 */
function refreshOnce(staleAccessToken: string | null): Promise<RefreshOutcome> {
  refreshing ??= withSessionLock(async (): Promise<RefreshOutcome> => {
    if (staleAccessToken !== null && accessToken !== staleAccessToken) return accessToken ? 'refreshed' : 'refused';
    let response: Response;
    try {
      response = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...cookieMode },
        body: '{}',
        signal: AbortSignal.timeout(20_000),
      });
    } catch {
      lastRefreshError = networkError();
      return 'failed'; // offline: keep the session, the request fails as a network error
    }
    if (response.status === 401 || response.status === 400) {
      const wasSignedIn = snapshot.status === 'signed-in';
      setSession('signed-out', null);
      // The cookie is shared: every tab's session ended with it.
      if (wasSignedIn) tellOtherTabs({ type: 'signed-out' });
      return 'refused';
    }
    if (!response.ok) {
      lastRefreshError = new ApiError(await problemOf(response));
      return 'failed';
    }
    setSession('signed-in', ((await response.json()) as { accessToken: string }).accessToken);
    return 'refreshed';
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function withSessionLock<T>(fn: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request('monopilot.refresh', fn);
  return fn();
}

/** After a request was refused with this access token: answers whether a newer one is now held. */
export async function refreshSession(staleAccessToken: string): Promise<boolean> {
  return (await refreshOnce(staleAccessToken)) === 'refreshed';
}

/** On page load (and on "try again"): asks the refresh cookie for an access token. No cookie simply means signed out. */
export async function restoreSession(): Promise<SessionStatus> {
  if (snapshot.status === 'unreachable') setSession('restoring', null);
  const outcome = await refreshOnce(null);
  if (outcome === 'failed' && snapshot.status === 'restoring') setSession('unreachable', null, lastRefreshError ?? networkError());
  return snapshot.status;
}

/** Signs in or up: the server sets the refresh cookie, this tab keeps the access token, other tabs follow. */
export async function startSession<T extends { accessToken: string }>(path: '/auth/login' | '/auth/signup', body: unknown): Promise<T> {
  // Under the lock, so a refresh of another tab cannot overwrite the new cookie with an answer about the old one.
  const session = await withSessionLock(() => api<T>(path, { method: 'POST', body }));
  setSession('signed-in', session.accessToken);
  tellOtherTabs({ type: 'signed-in', userId: snapshot.userId });
  return session;
}

/** Signs out this tab and every other: the server revokes the refresh token and clears the cookie. */
export async function endSession(): Promise<void> {
  await withSessionLock(async () => {
    try {
      await fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json', ...cookieMode }, body: '{}', signal: AbortSignal.timeout(20_000) });
    } catch {
      // offline: this tab forgets its access token anyway; the cookie is revoked at the next sign-out that reaches the server
    }
  });
  setSession('signed-out', null);
  tellOtherTabs({ type: 'signed-out' });
}

/**
 * The access token for a URL that cannot refresh on a 401 by itself (the events stream): refreshed first
 * when it has expired or will within `marginMs`.
 */
export async function freshAccessToken(marginMs = 30_000): Promise<string | null> {
  const token = accessToken;
  if (token && accessTokenExpiresAt - Date.now() < marginMs) await refreshOnce(token);
  return accessToken;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  accept?: string;
  /** A POST's own key, kept by the caller so that a retry much later (the scanner's offline queue) does the work once. */
  idempotencyKey?: string;
}

export function withQuery(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

async function send(path: string, options: RequestOptions, token: string | null, idempotencyKey: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  // A FormData body (a file upload) goes as multipart/form-data, its boundary set by the browser.
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  if (path.startsWith('/auth/')) Object.assign(headers, cookieMode);
  try {
    return await fetch(`/api/v1${withQuery(path, options.query)}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (body && typeof body === 'object' && (body.title || body.detail)) {
      return {
        type: body.type ?? 'about:blank',
        title: body.title ?? response.statusText,
        status: response.status,
        detail: body.detail ?? body.title ?? '',
        instance: body.instance,
        code: body.code,
        params: body.params,
        errors: body.errors,
      };
    }
  } catch {
    // not JSON: fall through
  }
  return { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status, detail: text.slice(0, 300) || response.statusText };
}

/** Sends a request and answers the response, after a quiet token refresh if needed. */
export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  // POSTs carry an Idempotency-Key so that the retry after a refresh cannot do the work twice.
  const idempotencyKey = options.method === 'POST' ? (options.idempotencyKey ?? crypto.randomUUID()) : undefined;
  const token = accessToken;
  let response = await send(path, options, token, idempotencyKey);
  // Never for /auth/: those run under the session lock already, and a refused sign-in is the answer itself.
  if (response.status === 401 && token && !path.startsWith('/auth/')) {
    if (await refreshSession(token)) response = await send(path, options, accessToken, idempotencyKey);
  }
  if (!response.ok) throw new ApiError(await problemOf(response));
  return response;
}

/** A JSON request; 204 answers undefined. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
