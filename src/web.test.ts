import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRoutesFrom } from './web.js';

describe('the web app build as served (the floor scanner is installable)', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'monopilot-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'sections.json'), JSON.stringify(['dashboard', 'scan']));
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dir, 'workbox-9c191d2f.js'), '// workbox runtime');
    writeFileSync(join(dir, 'manifest.webmanifest'), JSON.stringify({ name: 'MonoPilot Scanner', start_url: '/scan' }));
    app = Fastify();
    await app.register(webRoutesFrom(dir));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /scan and anything below it with the app', async () => {
    for (const url of ['/scan', '/scan/move']) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<title>app</title>');
    }
  });

  it('serves the service worker and the manifest, revalidated on every load', async () => {
    const worker = await app.inject({ url: '/sw.js' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['content-type']).toMatch(/javascript/);
    expect(worker.headers['cache-control']).toBe('no-cache');
    const manifest = await app.inject({ url: '/manifest.webmanifest' });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/application\/manifest\+json/);
    expect(manifest.headers['cache-control']).toBe('no-cache');
  });

  it('serves the workbox runtime the worker imports', async () => {
    const runtime = await app.inject({ url: '/workbox-9c191d2f.js' });
    expect(runtime.statusCode).toBe(200);
    expect(runtime.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('still keeps index.html and sections.json out of the static files', async () => {
    expect((await app.inject({ url: '/index.html' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/sections.json' })).statusCode).toBe(404);
  });
});
