/**
 * `npm run release:smoke -- <release-dir> [postgres-url]`: starts an assembled release
 * (ops/release/assemble.sh) as production would — `node dist/main.js` in its directory, with
 * only its production dependencies — on an empty PGlite data directory and, given a server
 * URL, on a fresh database there; checks /api/health (and the release it reports), a signup
 * and an authenticated call, stops it with SIGTERM and expects a clean exit. Prints the cold
 * start to healthy of each. CI runs it after assembling the release.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const [releaseDir, serverUrl] = process.argv.slice(2).map((arg, index) => (index === 0 ? resolve(arg) : arg));
if (!releaseDir) throw new Error('usage: node ops/release/smoke.ts <release-dir> [postgres-url]');
const release = JSON.parse(readFileSync(join(releaseDir, 'dist', 'release.json'), 'utf8')) as { version: string; commit: string };

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitForHealth(base: string, child: ChildProcess): Promise<{ release: { version: string; commit: string; schema: string | null } }> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it was healthy`);
    const response = await fetch(`${base}/api/health`).catch(() => null);
    if (response?.status === 200) return (await response.json()) as { release: { version: string; commit: string; schema: string | null } };
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('not healthy within 2 minutes');
}

async function expectStatus<T>(response: Response, status: number, what: string): Promise<T> {
  const body = await response.text();
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${body}`);
  return (body ? JSON.parse(body) : null) as T;
}

/** One start of the release with the environment given; answers seconds from spawn to healthy. */
async function smoke(label: string, env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: releaseDir,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', JWT_SECRET: 'release-smoke-secret-long-enough-for-hs256', MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    const health = await waitForHealth(base, child);
    const seconds = (performance.now() - started) / 1000;
    if (health.release.version !== release.version || health.release.commit !== release.commit || !health.release.schema) throw new Error(`health reports ${JSON.stringify(health.release)}, the release is ${JSON.stringify(release)}`);
    const email = `smoke-${Date.now()}@example.com`;
    const signup = await expectStatus<{ accessToken: string }>(
      await fetch(`${base}/api/v1/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ organizationName: 'Smoke Bakery', name: 'Smoke', email, password: 'correct horse battery' }) }),
      201,
      'signup',
    );
    await expectStatus(await fetch(`${base}/api/v1/products`, { headers: { authorization: `Bearer ${signup.accessToken}` } }), 200, 'products');
    const index = await fetch(`${base}/`);
    if (!(await index.text()).includes('<div id="root">')) throw new Error('the web app is not served');
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    if (code !== 0) throw new Error(`exit code ${code} after SIGTERM`);
    console.warn(`release ${release.version} (${release.commit}) on ${label}: healthy ${seconds.toFixed(1)} s after start; signup, products, web app, SIGTERM → exit 0`);
    return seconds;
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

async function admin(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(text).finally(() => client.end());
}

const dataDir = mkdtempSync(join(tmpdir(), 'mp-release-'));
try {
  await smoke('an empty PGlite data directory', { DATA_DIR: dataDir });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
if (serverUrl) {
  const name = `mp_release_${process.pid}`;
  const url = new URL(serverUrl);
  await admin(serverUrl, `create database ${name}`);
  try {
    url.pathname = `/${name}`;
    await smoke(`PostgreSQL (${url.host}, a fresh database)`, { DATABASE_URL: url.toString(), DATA_DIR: tmpdir() });
  } finally {
    await admin(serverUrl, `drop database ${name} with (force)`);
  }
}
