import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Platform } from './context.js';
import { AppError } from './http/errors.js';

/**
 * Prometheus metrics at /metrics: request durations by route and status, and database pool usage.
 * They tell an outsider too much (routes, load, pool), so /metrics exists only when METRICS_TOKEN
 * is set (404 otherwise) and answers only to `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise).
 */
export function registerMetrics(app: FastifyInstance, platform: Platform): Registry | null {
  const token = platform.config.METRICS_TOKEN;
  if (!token) return null;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const pool = new Gauge({
    name: 'db_pool_connections',
    help: 'Database pool connections by state, for the shared database and each dedicated one',
    labelNames: ['state', 'database'] as const,
    registers: [registry],
    collect() {
      for (const [database, db] of platform.databases.placementDatabases()) {
        const stats = db.poolStats();
        this.set({ state: 'total', database }, stats.total);
        this.set({ state: 'idle', database }, stats.idle);
        this.set({ state: 'waiting', database }, stats.waiting);
      }
    },
  });
  void pool;
  // Whether each dedicated database is ready to serve its organizations (migrated, reachable at start-up).
  const ready = new Gauge({
    name: 'tenant_database_ready',
    help: 'Dedicated databases of TENANT_DATABASES: 1 when ready to serve their organizations',
    labelNames: ['database'] as const,
    registers: [registry],
    collect() {
      for (const [database] of platform.databases.placementDatabases().slice(1)) this.set({ database }, platform.databases.notReady.has(database) ? 0 : 1);
    },
  });
  void ready;

  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (!isScraper(request, token)) {
      throw new AppError('UNAUTHENTICATED', '/metrics needs the metrics token', undefined, { 'www-authenticate': 'Bearer realm="metrics"' });
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}

/** Compares the presented token with the configured one in constant time (hashes: equal lengths). */
function isScraper(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(header.slice(7).trim()), digest(token));
}
