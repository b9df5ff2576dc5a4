import { randomBytes } from 'node:crypto';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

export interface Session {
  accessToken: string;
  orgId: string;
  userId: string;
}

/** A small fetch client for seeding through the real HTTP API. */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, body: (type.includes('json') && text ? JSON.parse(text) : text) as T };
  }

  /** Like request, but throws unless the answer has the expected status. */
  async expect<T = Record<string, unknown>>(status: number, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<T> {
    const response = await this.request<T>(method, path, options);
    if (response.status !== status) {
      throw new Error(`${method} ${path}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  /** A new organization with its admin signed in. */
  async signup(label: string): Promise<Session> {
    const suffix = randomBytes(4).toString('hex');
    const body = await this.expect<{ accessToken: string; user: { id: string }; organization: { id: string } }>(201, 'POST', '/api/v1/auth/signup', {
      body: { organizationName: `Bench ${label} ${suffix}`, name: 'Bench Admin', email: `bench-${label}-${suffix}@example.com`, password: 'bench password 1234' },
    });
    return { accessToken: body.accessToken, orgId: body.organization.id, userId: body.user.id };
  }

  /**
   * Whether the app serves method + path at all: an unknown route answers the router's own
   * 404 ("no route for ..."), which a missing record never does.
   */
  async routeExists(method: string, path: string, token: string, body?: unknown): Promise<boolean> {
    const response = await this.request<{ detail?: string }>(method, path, { token, body });
    if (response.status === 405) return false;
    return !(response.status === 404 && typeof response.body === 'object' && String(response.body?.detail ?? '').startsWith('no route for'));
  }
}
