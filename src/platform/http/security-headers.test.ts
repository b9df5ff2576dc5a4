import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ApiResponse, type TestServer } from '../../../test/server.js';

// API.md "headers": every response carries X-Content-Type-Options: nosniff and a Referrer-Policy,
// and HTML responses a Content-Security-Policy that forbids framing. The web app and the API
// docs must still work under it (e2e/ runs the web app in Chromium with this policy).

let server: TestServer;
let admin: { accessToken: string };

/** A client address of its own, so that the low limit here counts only this file's requests. */
const randomAddress = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${(randomBytes(1)[0]! % 250) + 2}`;

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '3' });
  const suffix = randomBytes(4).toString('hex');
  const signup = await server.request({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { organizationName: `Headers ${suffix}`, name: 'H', email: `headers-${suffix}@example.com`, password: 'long enough password' },
    remoteAddress: randomAddress(),
  });
  admin = signup.body;
});
afterAll(() => server.stop());

/** The policy's directives by name: "default-src 'self'; ..." → { 'default-src': ["'self'"] }. */
function directives(response: ApiResponse): Record<string, string[]> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return Object.fromEntries(
    header
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  it('are on every response: answers, errors, refusals, health, docs and the web app', async () => {
    const responses: Record<string, ApiResponse> = {
      'an API answer': await server.as(admin.accessToken).get('/api/v1/warehouses'),
      'a validation error': await server.as(admin.accessToken).post('/api/v1/warehouses', {}),
      'a 401': await server.request({ method: 'GET', url: '/api/v1/warehouses', remoteAddress: randomAddress() }),
      'a 404': await server.request({ method: 'GET', url: '/api/v1/no-such-thing' }),
      health: await server.request({ method: 'GET', url: '/api/health' }),
      'the OpenAPI document': await server.request({ method: 'GET', url: '/api/openapi.json' }),
      'the API docs page': await server.request({ method: 'GET', url: '/api/docs' }),
      'the web app': await server.request({ method: 'GET', url: '/' }),
    };
    const limited = randomAddress();
    for (let attempt = 0; attempt < 4; attempt++) responses['a 429'] = await server.request({ method: 'GET', url: '/api/v1/warehouses', remoteAddress: limited });
    expect(responses['a 429']!.status).toBe(429);
    for (const [what, response] of Object.entries(responses)) {
      expect(response.headers['x-content-type-options'], what).toBe('nosniff');
      expect(response.headers['referrer-policy'], what).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
      // Over plain HTTP, HSTS would be ignored at best and pin the host at worst.
      expect(response.headers['strict-transport-security'], what).toBeUndefined();
    }
  });

  it('HTML pages get a policy that forbids framing and inline scripts, and lets inline styles through', async () => {
    for (const url of ['/', '/api/docs']) {
      const page = await server.request({ method: 'GET', url });
      expect(String(page.headers['content-type']), url).toContain('text/html');
      const policy = directives(page);
      expect(policy['frame-ancestors'], url).toEqual(["'none'"]);
      expect(policy['script-src'], url).toEqual(["'self'"]);
      expect(policy['object-src'], url).toEqual(["'none'"]);
      expect(policy['style-src'], url).toEqual(expect.arrayContaining(["'self'", "'unsafe-inline'"]));
      // Served over plain HTTP on a factory network, upgrading every request would break the app.
      expect(policy['upgrade-insecure-requests'], url).toBeUndefined();
      expect(page.headers['x-frame-options'], url).toBe('DENY');
    }
  });

  it('the pages served carry no inline script that the policy would block', async () => {
    for (const url of ['/', '/api/docs']) {
      const page = await server.request({ method: 'GET', url });
      const html = String(page.body);
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      for (const [, attributes, content] of scripts) {
        expect(attributes, `${url}: every script has a src`).toMatch(/\bsrc=/);
        expect(content!.trim(), `${url}: no inline code`).toBe('');
      }
      expect(html, url).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });
});
