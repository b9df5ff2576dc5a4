import type { FastifyInstance } from 'fastify';

export interface ApiAnswer {
  status: number;
  // Answers are read loosely here; the API validates what it accepts.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** One request to /api/v1: through a server in this process (inject) or over HTTP. */
export type ApiTransport = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, token?: string) => Promise<ApiAnswer>;

function headersFor(body: unknown, token: string | undefined): Record<string, string> {
  return { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

/** Requests answered by a server built in this process, without a socket. */
export function injectTransport(app: FastifyInstance): ApiTransport {
  return async (method, path, body, token) => {
    const response = await app.inject({ method, url: `/api/v1${path}`, headers: headersFor(body, token), payload: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
  };
}

/** Requests to a MonoPilot server listening at baseUrl (e.g. http://127.0.0.1:3000). */
export function httpTransport(baseUrl: string): ApiTransport {
  return async (method, path, body, token) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, { method, headers: headersFor(body, token), body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}

/**
 * The same transport, but signing up through `signupIn` (the operator's signup into a named
 * database, which the public API does not offer); every other request goes through `send`.
 */
export function signingUpIn(send: ApiTransport, signupIn: (body: unknown) => Promise<ApiAnswer>): ApiTransport {
  return (method, path, body, token) => (method === 'POST' && path === '/auth/signup' ? signupIn(body) : send(method, path, body, token));
}

export class DemoError extends Error {}

/**
 * The API as the demo uses it: one signed-in person, and every answer checked, so a refused
 * step stops the demo with what was refused and why (nothing is forced past the rules).
 */
export class DemoClient {
  token: string | undefined;

  constructor(private readonly send: ApiTransport) {}

  raw(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<ApiAnswer> {
    return this.send(method, path, body, this.token);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async call<T = any>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const answer = await this.raw(method, path, body);
    if (answer.status >= 300) {
      const problem = answer.body as { detail?: string; errors?: Array<{ path: string; message: string }> } | undefined;
      const fields = problem?.errors?.map((error) => `${error.path}: ${error.message}`).join('; ');
      throw new DemoError(`${method} ${path} was refused (${answer.status}): ${problem?.detail ?? ''}${fields ? ` [${fields}]` : ''}`);
    }
    return answer.body as T;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get<T = any>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  post<T = any>(path: string, body: unknown = {}): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  patch<T = any>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PATCH', path, body);
  }
}
