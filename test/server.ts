import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import { createServer, type Server } from '../src/server.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  orgId: string;
  userId: string;
  email: string;
  password: string;
}

export interface TestServer extends Server {
  database: TestDatabase;
  request<T = any>(options: InjectOptions & { token?: string }): Promise<ApiResponse<T>>;
  /** A client bound to one access token: get/post/patch/delete answer { status, body, headers }. */
  as(token: string): Client;
  signup(overrides?: Partial<{ organizationName: string; name: string; email: string; password: string }>): Promise<Session>;
  /** Adds a user with the given roles to the session's organization and signs them in. */
  userWithRoles(admin: Session, roles: string[]): Promise<Session>;
  stop(): Promise<void>;
}

export interface Client {
  get<T = any>(url: string, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  patch<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  delete<T = any>(url: string, headers?: Record<string, string>): Promise<ApiResponse<T>>;
}

export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'monopilot-test-')),
    REDIS_URL: process.env.REDIS_URL,
    // Test files sign up and sign in many times from one address; the limit's own tests lower it.
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    ...overrides,
  });
}

/**
 * A whole server on this file's own fresh database (or the migrated one given: a server the
 * test started itself), driven through inject.
 */
export async function startTestServer(overrides: Partial<Record<keyof Config, string>> = {}, given?: TestDatabase): Promise<TestServer> {
  const database = given ?? (await createTestDatabase({ serverUrl: inject('serverUrl'), template: inject('template'), pgliteDump: inject('pgliteDump') }));
  const server = await createServer(testConfig(overrides), { db: database.db, cachePrefix: `mp-test-${randomBytes(4).toString('hex')}` });
  return asTestServer(server, database);
}

/** The test helpers around a server already made (one on servers a test started itself, say). */
export function asTestServer(server: Server, database: TestDatabase): TestServer {
  const request = <T>(options: InjectOptions & { token?: string }) => send<T>(server.app, options);
  const as = (token: string): Client => ({
    get: (url, headers) => request({ method: 'GET', url, headers, token }),
    post: (url, body, headers) => request({ method: 'POST', url, payload: body as InjectOptions['payload'], headers, token }),
    patch: (url, body, headers) => request({ method: 'PATCH', url, payload: body as InjectOptions['payload'], headers, token }),
    delete: (url, headers) => request({ method: 'DELETE', url, headers, token }),
  });
  let counter = 0;
  const signup: TestServer['signup'] = async (overrides = {}) => {
    const suffix = `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;
    const input = { organizationName: `Org ${suffix}`, name: 'Admin', email: `admin-${suffix}@example.com`, password: 'correct horse battery', ...overrides };
    const response = await request({ method: 'POST', url: '/api/v1/auth/signup', payload: input });
    if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${JSON.stringify(response.body)}`);
    return sessionOf(response.body, input.email, input.password);
  };
  const userWithRoles: TestServer['userWithRoles'] = async (admin, roles) => {
    const email = `user-${Date.now().toString(36)}${(counter++).toString(36)}@example.com`;
    const password = 'another secret pass';
    const created = await as(admin.accessToken).post('/api/v1/users', { email, name: 'User', password, roles });
    if (created.status !== 201) throw new Error(`user creation failed: ${created.status} ${JSON.stringify(created.body)}`);
    const login = await request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    return sessionOf(login.body, email, password);
  };
  return {
    ...server,
    database,
    request,
    as,
    signup,
    userWithRoles,
    async stop() {
      await server.close();
      await database.drop();
    },
  };
}

function sessionOf(body: any, email: string, password: string): Session {
  return { accessToken: body.accessToken, refreshToken: body.refreshToken, orgId: body.organization.id, userId: body.user.id, email, password };
}

async function send<T>(app: FastifyInstance, options: InjectOptions & { token?: string }): Promise<ApiResponse<T>> {
  const { token, ...rest } = options;
  const headers = { ...(rest.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await app.inject({ ...rest, headers });
  const type = String(response.headers['content-type'] ?? '');
  const body = type.includes('json') && response.body ? JSON.parse(response.body) : response.body;
  return { status: response.statusCode, body, headers: response.headers as ApiResponse['headers'] };
}
