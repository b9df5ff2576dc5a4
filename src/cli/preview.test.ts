import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';

let child: ChildProcess | null = null;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
});

/** Resolves with the first match of `pattern` in the output so far or to come. */
function waitForOutput(output: { text: string; onChange: (() => void)[] }, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output.text}`)), timeoutMs);
    const look = () => {
      const match = pattern.exec(output.text);
      if (!match) return;
      clearTimeout(timer);
      resolve(match);
    };
    output.onChange.push(look);
    look();
  });
}

describe('npm run preview', () => {
  it('serves the seeded demo bakery on a free port, ignoring the configured database, and removes its data on SIGTERM', async () => {
    // A database and a cache that cannot be reached: a preview that used them would fail to start.
    const env = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1', PORT: '', LOG_LEVEL: 'warn' };
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/preview.ts'], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = { text: '', onChange: [] as (() => void)[] };
    const append = (chunk: Buffer) => {
      output.text += chunk.toString();
      for (const look of output.onChange) look();
    };
    child.stdout!.on('data', append);
    child.stderr!.on('data', append);
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));

    const [, url] = await waitForOutput(output, /running at (http:\/\/127\.0\.0\.1:\d+)/, 240_000);
    const [, dataDir] = await waitForOutput(output, /data: (\S+)/, 1000);
    const [, email] = await waitForOutput(output, /email: +(\S+)/, 1000);
    const [, password] = await waitForOutput(output, /password: +(\S+)/, 1000);
    expect(dataDir!.startsWith(tmpdir())).toBe(true);
    expect(existsSync(dataDir!)).toBe(true);

    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { checks: { database: { status: string } } }).checks.database.status).toBe('ok');
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    // The bakery is really there: its products came through the demo factory.
    const products = await fetch(`${url}/api/v1/products?search=Sourdough`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(products.status).toBe(200);
    expect(JSON.stringify(await products.json())).toContain('Sourdough loaf 800 g');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(dataDir!)).toBe(false);
  }, 300_000);
});
