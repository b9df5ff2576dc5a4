import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../../web/build.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';
import { webRoutesFrom } from '../../web.js';

// API.md: static assets and JSON answers over 1 KB are sent compressed (brotli or gzip) when the client accepts it.

let server: TestServer;
let admin: Session;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signup();
  const api = server.as(admin.accessToken);
  // Enough products that their list is well over 1 KB.
  for (let index = 0; index < 12; index += 1) {
    expect((await api.post('/api/v1/products', { code: `ZIP-${index}`, name: `Compressible product number ${index}`, type: 'raw', uom: 'kg' })).status).toBe(201);
  }
});
afterAll(() => server.stop());

const list = (headers: Record<string, string>) =>
  server.app.inject({ url: '/api/v1/products?limit=50', headers: { authorization: `Bearer ${admin.accessToken}`, ...headers } });

describe('JSON answers', () => {
  it('over 1 KB come back in brotli when the client accepts it, and decode to the same answer', async () => {
    const plain = await list({});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const br = await list({ 'accept-encoding': 'br, gzip' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('in gzip for a client that accepts only gzip', async () => {
    const gz = await list({ 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8')).items).toHaveLength(12);
  });

  it('not when the client does not accept it, nor under 1 KB', async () => {
    expect((await list({ 'accept-encoding': 'identity' })).headers['content-encoding']).toBeUndefined();
    const small = await server.app.inject({ url: '/api/v1/products?limit=1', headers: { authorization: `Bearer ${admin.accessToken}`, 'accept-encoding': 'br, gzip' } });
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('an Idempotency-Key replay is the same answer, compressed or not', async () => {
    const headers = { authorization: `Bearer ${admin.accessToken}`, 'idempotency-key': 'zip-create-1', 'content-type': 'application/json' };
    const payload = JSON.stringify({ code: 'ZIP-ONCE', name: 'Made once '.repeat(20).trim().slice(0, 120), type: 'raw', uom: 'kg' });
    const first = await server.app.inject({ method: 'POST', url: '/api/v1/products', headers, payload });
    const again = await server.app.inject({ method: 'POST', url: '/api/v1/products', headers: { ...headers, 'accept-encoding': 'gzip' }, payload });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    const replayed = again.headers['content-encoding'] === 'gzip' ? JSON.parse(gunzipSync(again.rawPayload).toString('utf8')) : again.json();
    expect(replayed.id).toBe(first.json().id);
  });
});

describe('the web app’s assets', () => {
  let dir: string;
  const web = Fastify();
  const script = `export const screens = ${JSON.stringify(Array.from({ length: 200 }, (_, index) => `screen number ${index}`))};\n`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'monopilot-precompressed-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'sections.json'), JSON.stringify(['dashboard']));
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), script);
    writeFileSync(join(dir, 'assets', 'tiny-abc123.js'), 'export {};\n');
    await precompress(dir);
    await web.register(webRoutesFrom(dir));
    await web.ready();
  });
  afterAll(async () => {
    await web.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are written as .br and .gz at build, only where that pays', async () => {
    expect(existsSync(join(dir, 'assets', 'index-abc123.js.br'))).toBe(true);
    expect(existsSync(join(dir, 'assets', 'index-abc123.js.gz'))).toBe(true);
    expect(existsSync(join(dir, 'assets', 'tiny-abc123.js.br'))).toBe(false);
  });

  it('are sent precompressed to a browser that accepts it, as they are to one that does not', async () => {
    const br = await web.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(script);
    const gz = await web.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(script);
    const plain = await web.inject({ url: '/assets/index-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('never as files of their own', async () => {
    expect((await web.inject({ url: '/assets/index-abc123.js.br' })).statusCode).toBe(404);
  });
});
