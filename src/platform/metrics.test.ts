import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWarehouse } from '../../test/factories/platform.js';
import { startTestServer, type Session, type TestServer } from '../../test/server.js';

// Prometheus /metrics: request durations labelled by route pattern and status, and pool usage;
// only with METRICS_TOKEN set, and only to a scraper that sends it (API.md "metrics").

const METRICS_TOKEN = 'scraper-token-0123456789abcdef';

let server: TestServer;
let admin: Session;

beforeAll(async () => {
  server = await startTestServer({ METRICS_TOKEN });
  admin = await server.signup();
});
afterAll(() => server.stop());

async function scrape(): Promise<string> {
  const response = await server.request({ method: 'GET', url: '/metrics', token: METRICS_TOKEN });
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toContain('text/plain');
  return String(response.body);
}

/** The value of one sample, 0 when it is not there yet. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && wanted.every((label) => candidate.includes(label)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('who may read /metrics', () => {
  it('answers only to Authorization: Bearer <METRICS_TOKEN>', async () => {
    const refused = [
      await server.request({ method: 'GET', url: '/metrics' }),
      await server.request({ method: 'GET', url: '/metrics', token: 'not-the-metrics-token' }),
      await server.request({ method: 'GET', url: '/metrics', token: `${METRICS_TOKEN}x` }),
      await server.request({ method: 'GET', url: '/metrics', headers: { authorization: `Basic ${METRICS_TOKEN}` } }),
      // A user's access token is no scraper's token.
      await server.request({ method: 'GET', url: '/metrics', token: admin.accessToken }),
    ];
    for (const response of refused) {
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(String(response.body.detail ?? '')).not.toContain('http_request_duration');
    }
    expect(await scrape()).toContain('http_request_duration_seconds');
  });

  it('is not there at all without METRICS_TOKEN', async () => {
    const unset = await startTestServer();
    try {
      const response = await unset.request({ method: 'GET', url: '/metrics' });
      expect(response.status).toBe(404);
      expect(String(response.body)).not.toContain('process_cpu');
      expect((await unset.request({ method: 'GET', url: '/metrics', token: METRICS_TOKEN })).status).toBe(404);
    } finally {
      await unset.stop();
    }
  });
});

describe('/metrics', () => {
  it('counts request durations by method, route pattern and status', async () => {
    const client = server.as(admin.accessToken);
    const warehouse = await createWarehouse(client);
    const before = await scrape();
    await client.get(`/api/v1/warehouses/${warehouse.id}`);
    await client.get(`/api/v1/warehouses/${warehouse.id}`);
    await client.get('/api/v1/warehouses/01930000-0000-7000-8000-000000000000');
    const after = await scrape();
    const found = { method: 'GET', route: '/api/v1/warehouses/:id', status: '200' };
    const missing = { ...found, status: '404' };
    expect(sample(after, 'http_request_duration_seconds_count', found) - sample(before, 'http_request_duration_seconds_count', found)).toBe(2);
    expect(sample(after, 'http_request_duration_seconds_count', missing) - sample(before, 'http_request_duration_seconds_count', missing)).toBe(1);
    expect(after).toMatch(/http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/api\/v1\/warehouses\/:id",status="200"\} \d+/);
    expect(sample(after, 'http_request_duration_seconds_sum', found)).toBeGreaterThan(0);
  });

  it('labels by route pattern, never by the concrete URL, so ids do not blow up the series', async () => {
    await server.as(admin.accessToken).get('/api/v1/no-such-route/12345');
    const text = await scrape();
    expect(text).not.toContain('no-such-route');
    expect(text).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} \d+/);
  });

  it('exposes database pool gauges', async () => {
    const text = await scrape();
    for (const state of ['total', 'idle', 'waiting']) {
      expect(text).toMatch(new RegExp(`^db_pool_connections\\{state="${state}",database="shared"\\} \\d+$`, 'm'));
    }
    expect(sample(text, 'db_pool_connections', { state: 'total', database: 'shared' })).toBeGreaterThanOrEqual(1);
  });
});
