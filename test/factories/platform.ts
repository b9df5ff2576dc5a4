import { sql, type SQL } from 'drizzle-orm';
import type { Database, Row, Tx } from '../../src/platform/db/database.js';
import type { Client } from '../server.js';

// Factories and database helpers for the platform and settings tests.

let sequence = 0;

/** A code no other test in this run uses. */
export const uniqueCode = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(sequence++).toString(36)}`;

async function created<T = any>(client: Client, url: string, body: Record<string, unknown>): Promise<T> {
  const response = await client.post(url, body);
  if (response.status !== 201) throw new Error(`POST ${url} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as T;
}

export const createWarehouse = (client: Client, overrides: Record<string, unknown> = {}) =>
  created(client, '/api/v1/warehouses', { code: uniqueCode('WH'), name: 'Main warehouse', ...overrides });

export const createSupplier = (client: Client, overrides: Record<string, unknown> = {}) =>
  created(client, '/api/v1/suppliers', { code: uniqueCode('SUP'), name: 'Mill Ltd', ...overrides });

export const createCustomer = (client: Client, overrides: Record<string, unknown> = {}) =>
  created(client, '/api/v1/customers', { code: uniqueCode('CUS'), name: 'Corner Shop', ...overrides });

export const createProduct = (client: Client, overrides: Record<string, unknown> = {}) =>
  created(client, '/api/v1/products', { code: uniqueCode('P'), name: 'Wheat flour', type: 'raw', uom: 'kg', ...overrides });

export const createRole = (client: Client, overrides: Record<string, unknown> = {}) =>
  created(client, '/api/v1/roles', { name: uniqueCode('role'), permissions: { warehouse: 'read' }, ...overrides });

/** Raw SQL as the connecting (owner) role, outside any tenant: for setting up and inspecting. */
export async function systemRows<T = Row>(db: Database, query: SQL): Promise<T[]> {
  return (await db.orm.execute(query)).rows as T[];
}

/**
 * A transaction as the app role, exactly as withTenant opens it, but with the
 * organization left unset when orgId is null.
 */
export async function asAppRole<T>(db: Database, orgId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.orm.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', 'monopilot_app', true)`);
    if (orgId) await tx.execute(sql`select set_config('app.org_id', ${orgId}, true)`);
    return fn(tx as Tx);
  });
}

/** The PostgreSQL error inside whatever the driver or Drizzle wrapped it in. */
export function pgErrorOf(error: unknown): { code?: string; message: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; message?: string; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return { code: candidate.code, message: candidate.message ?? '' };
    current = candidate.cause;
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/** Runs fn and answers the database error it raised, or null when it succeeded. */
export async function refusal(fn: () => Promise<unknown>): Promise<{ code?: string; message: string } | null> {
  try {
    await fn();
    return null;
  } catch (error) {
    return pgErrorOf(error);
  }
}

/**
 * Several server instances on one PostgreSQL database sharing one Redis, as a fleet
 * behind a load balancer runs: each has its own pool and in-memory cache tier.
 */
export async function startInstances(databaseUrl: string, count: number): Promise<{ instances: { as(token: string): Client }[]; stop(): Promise<void> }> {
  const { randomBytes } = await import('node:crypto');
  const { createServer } = await import('../../src/server.js');
  const { openPostgres } = await import('../../src/platform/db/database.js');
  const { testConfig } = await import('../server.js');
  const cachePrefix = `mp-fleet-${randomBytes(4).toString('hex')}`;
  const servers = await Promise.all(Array.from({ length: count }, () => createServer(testConfig(), { db: openPostgres(databaseUrl, 4), cachePrefix })));
  const as = (app: (typeof servers)[number]['app'], token: string): Client => {
    const send = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await app.inject({ method, url, headers: { ...headers, authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
      const isJson = String(response.headers['content-type'] ?? '').includes('json') && response.body;
      return { status: response.statusCode, body: isJson ? response.json() : response.body, headers: response.headers as Record<string, string> };
    };
    return {
      get: (url, headers) => send('GET', url, undefined, headers),
      post: (url, body, headers) => send('POST', url, body, headers),
      patch: (url, body, headers) => send('PATCH', url, body, headers),
      delete: (url, headers) => send('DELETE', url, undefined, headers),
    };
  };
  return {
    instances: servers.map((server) => ({ as: (token: string) => as(server.app, token) })),
    async stop() {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
