/**
 * The one door to the API: attaches the access token, refreshes it quietly on a 401
 * (once for every request waiting, and once across browser tabs), and signs out when
 * the refresh token is no longer accepted. Errors arrive as ApiError with the problem+json.
 */
export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
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

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

const STORAGE_KEY = 'monopilot.tokens';
const listeners = new Set<(tokens: Tokens | null) => void>();

function readStoredTokens(): Tokens | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<Tokens>) : null;
    return parsed?.accessToken && parsed.refreshToken ? { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken } : null;
  } catch {
    return null;
  }
}

export function getTokens(): Tokens | null {
  return readStoredTokens();
}

export function setTokens(tokens: Tokens | null): void {
  if (tokens) localStorage.setItem(STORAGE_KEY, JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }));
  else localStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener(tokens);
}

/** Called whenever the session starts, rotates or ends (also from another tab). */
export function onTokensChange(listener: (tokens: Tokens | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  const tokens = readStoredTokens();
  for (const listener of listeners) listener(tokens);
});

let refreshing: Promise<boolean> | null = null;

/**
 * Exchanges the refresh token for a new pair. Refresh tokens rotate and a reused one revokes
 * the whole family, so only one refresh may run at a time: in this tab (one shared promise)
 * and across tabs (a Web Lock, after which the stored pair is read again).
 */
export function refreshSession(staleAccessToken: string): Promise<boolean> {
  refreshing ??= withRefreshLock(async () => {
    const current = readStoredTokens();
    if (!current) return false;
    if (current.accessToken !== staleAccessToken) return true; // another tab already refreshed
    let response: Response;
    try {
      response = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: current.refreshToken }),
      });
    } catch {
      return false; // offline: keep the session, the request fails as a network error
    }
    if (!response.ok) {
      if (response.status === 401 || response.status === 400) setTokens(null);
      return false;
    }
    setTokens((await response.json()) as Tokens);
    return true;
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request('monopilot.refresh', fn);
  return fn();
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  accept?: string;
}

export function withQuery(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

async function send(path: string, options: RequestOptions, accessToken: string | undefined, idempotencyKey: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  try {
    return await fetch(`/api/v1${withQuery(path, options.query)}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ type: 'about:blank#network', title: 'Network error', status: 0, detail: 'the server could not be reached' });
  }
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (body && typeof body === 'object' && (body.title || body.detail)) {
      return { type: body.type ?? 'about:blank', title: body.title ?? response.statusText, status: response.status, detail: body.detail ?? body.title ?? '', instance: body.instance, errors: body.errors };
    }
  } catch {
    // not JSON: fall through
  }
  return { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status, detail: text.slice(0, 300) || response.statusText };
}

/** Sends a request and answers the response, after a quiet token refresh if needed. */
export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  // POSTs carry an Idempotency-Key so that the retry after a refresh cannot do the work twice.
  const idempotencyKey = options.method === 'POST' ? crypto.randomUUID() : undefined;
  const tokens = getTokens();
  let response = await send(path, options, tokens?.accessToken, idempotencyKey);
  if (response.status === 401 && tokens && !path.startsWith('/auth/')) {
    if (await refreshSession(tokens.accessToken)) response = await send(path, options, getTokens()?.accessToken, idempotencyKey);
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
