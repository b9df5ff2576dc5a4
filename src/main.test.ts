import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdtempSync, readdirSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adminQuery, withDatabaseName } from '../test/database.js';
import { openPglite } from './platform/db/database.js';

// The real server as an operator runs it: `npx tsx src/main.ts`, then SIGTERM. In-flight
// requests finish, the process exits 0, and the embedded database was closed cleanly.
// Its JSON log lines are checked on the way.

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface RunningServer {
  child: ChildProcess;
  url: string;
  /** The JSON log lines written so far. */
  logs: Record<string, unknown>[];
  waitForLog(predicate: (line: Record<string, unknown>) => boolean, what: string): Promise<void>;
  exited: Promise<number | null>;
}

let running: RunningServer | null = null;
afterEach(() => {
  // The server runs in a process group of its own (npx, tsx, node); a failed test leaves none of it behind.
  if (running && running.child.exitCode === null) process.kill(-running.child.pid!, 'SIGKILL');
  running = null;
});

/**
 * The node process that runs src/main.ts under npx → sh → tsx: the one an orchestrator
 * signals. Its exit code travels back up through tsx and npx.
 */
function serverProcess(pid: number): number {
  const children = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes('main.ts'));
  return children.length > 0 ? serverProcess(Number(children[0]!.split(' ')[0])) : pid;
}

async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !['DATABASE_URL', 'DATABASE_DIRECT_URL', 'REDIS_URL', 'NODE_OPTIONS', 'PORT'].includes(name) && !name.startsWith('VITEST')),
  );
  const child = spawn('npx', ['tsx', 'src/main.ts'], {
    cwd: process.cwd(),
    env: { ...inherited, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const logs: Record<string, unknown>[] = [];
  const waiters: { predicate: (line: Record<string, unknown>) => boolean; resolve: () => void }[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      try {
        const line = JSON.parse(text) as Record<string, unknown>;
        logs.push(line);
        for (const waiter of [...waiters]) {
          if (waiter.predicate(line)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
        }
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const server: RunningServer = {
    child,
    url: `http://127.0.0.1:${port}`,
    logs,
    exited,
    waitForLog: (predicate, what) =>
      new Promise<void>((resolve, reject) => {
        if (logs.some(predicate)) return resolve();
        const timer = setTimeout(() => reject(new Error(`no log line: ${what}; stderr: ${stderr}`)), 60_000);
        waiters.push({ predicate, resolve: () => (clearTimeout(timer), resolve()) });
        void exited.then((code) => reject(new Error(`server exited with ${code} before: ${what}; stderr: ${stderr}`)));
      }),
  };
  running = server;
  await server.waitForLog((line) => String(line.msg).startsWith('MonoPilot listening'), 'listening');
  return server;
}

const post = (server: RunningServer, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** Starts requests that are still running when SIGTERM arrives, and checks each finishes properly. */
async function drainOnSigterm(server: RunningServer): Promise<string[]> {
  const slowEmail = `slow-${randomBytes(4).toString('hex')}@example.com`;
  const signup = (email: string) => post(server, '/api/v1/auth/signup', { organizationName: `Org ${email}`, name: 'A', email, password: 'long enough password' });
  const created = await signup(slowEmail);
  expect(created.status).toBe(201);
  const session = (await created.json()) as { accessToken: string; user: { id: string }; organization: { id: string } };
  // Logs are JSON and carry the request id, and for a signed-in caller the organization and user.
  const requestId = `log-check-${randomBytes(4).toString('hex')}`;
  const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${session.accessToken}`, 'x-request-id': requestId } });
  expect(me.status).toBe(200);
  await server.waitForLog((line) => line.reqId === requestId && line.msg === 'request completed', 'the request log line');
  expect(server.logs.find((line) => line.reqId === requestId && line.msg === 'request completed')).toMatchObject({
    orgId: session.organization.id,
    userId: session.user.id,
    res: { statusCode: 200 },
  });
  // Failed sign-ins are held back more each time: the fifth waits three quarters of a second.
  for (let attempt = 0; attempt < 4; attempt++) await post(server, '/api/v1/auth/login', { email: slowEmail, password: 'wrong password!' });
  const before = server.logs.filter((line) => line.msg === 'incoming request').length;
  let slowAnsweredAt = 0;
  const statusOf = (request: Promise<Response>) =>
    request.then(async (response) => {
      await response.text();
      return response.status;
    });
  const emails = [0, 1, 2].map(() => `drain-${randomBytes(4).toString('hex')}@example.com`);
  const inFlight = [
    statusOf(post(server, '/api/v1/auth/login', { email: slowEmail, password: 'wrong password!' }).finally(() => (slowAnsweredAt = Date.now()))),
    ...emails.map((email) => statusOf(signup(email))),
    statusOf(fetch(`${server.url}/api/health`)),
  ];
  await server.waitForLog(() => server.logs.filter((line) => line.msg === 'incoming request').length >= before + inFlight.length, 'all requests arrived');
  process.kill(serverProcess(server.child.pid!), 'SIGTERM');
  await server.waitForLog((line) => String(line.msg).startsWith('shutting down'), 'shutting down');
  expect(await Promise.all(inFlight)).toEqual([401, 201, 201, 201, 200]);
  // The slow sign-in was still running when the server began to shut down, and was answered
  // (the shutdown's log line carries the server's clock, the same machine's as this one).
  const shutdownAt = Number(server.logs.find((line) => String(line.msg).startsWith('shutting down'))!.time);
  expect(slowAnsweredAt).toBeGreaterThan(shutdownAt);
  expect(await server.exited).toBe(0);
  expect(server.logs.some((line) => line.msg === 'shut down cleanly')).toBe(true);
  return [slowEmail, ...emails];
}

describe('graceful shutdown on SIGTERM', () => {
  it('on embedded PGlite: finishes in-flight requests, exits 0, and leaves a data directory that opens again with every write', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'monopilot-shutdown-'));
    const server = await startServer({ DATA_DIR: dataDir });
    const emails = await drainOnSigterm(server);
    const reopened = await openPglite({ dataDir });
    try {
      const users = await reopened.withSession((session) => session.query<{ email: string }>('select email from users order by email'));
      expect(users.map((user) => user.email)).toEqual([...emails].sort());
    } finally {
      await reopened.close();
    }
  }, 120_000);

  it.skipIf(!process.env.DATABASE_URL)('on PostgreSQL: finishes in-flight requests, closes its pool and exits 0', async () => {
    // What is checked is the server's own pool, so straight to PostgreSQL even when the run goes
    // through PgBouncer (whose own connections to the database would outlive the server's).
    const serverUrl = process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL!;
    const name = `mp_shutdown_${randomBytes(4).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${name}`);
    try {
      const server = await startServer({ DATABASE_URL: withDatabaseName(serverUrl, name), DATA_DIR: mkdtempSync(join(tmpdir(), 'monopilot-shutdown-')) });
      await drainOnSigterm(server);
      // No connection of the server is left behind: dropping without force succeeds.
      await adminQuery(serverUrl, `drop database ${name}`);
    } finally {
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    }
  }, 120_000);
});

/** Every path under dir (dir included) whose mode is not 0700 for a folder or 0600 for a file. */
function notOwnerOnly(dir: string): string[] {
  const paths = ['', ...readdirSync(dir, { recursive: true, encoding: 'utf8' })];
  return paths
    .map((path) => ({ path, stat: lstatSync(join(dir, path)) }))
    .filter(({ stat }) => (stat.mode & 0o777) !== (stat.isDirectory() ? 0o700 : 0o600))
    .map(({ path, stat }) => `${path || '.'} ${(stat.mode & 0o777).toString(8)}`);
}

async function signupAndStop(server: RunningServer): Promise<void> {
  const email = `modes-${randomBytes(4).toString('hex')}@example.com`;
  const created = await post(server, '/api/v1/auth/signup', { organizationName: `Org ${email}`, name: 'A', email, password: 'long enough password' });
  expect(created.status).toBe(201);
  process.kill(serverProcess(server.child.pid!), 'SIGTERM');
  expect(await server.exited).toBe(0);
}

describe('the data directory', () => {
  // The test runner's umask (usually 022) is what the server inherits, as from a shell.
  it('is created owner-only, with every file the embedded database writes in it 0600', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'monopilot-modes-')), 'data');
    await signupAndStop(await startServer({ DATA_DIR: dataDir }));
    expect(readdirSync(join(dataDir, 'pg_wal')).length).toBeGreaterThan(0);
    expect(notOwnerOnly(dataDir)).toEqual([]);
  }, 180_000);

  it('made readable by others, is tightened again at start-up with one warning that says how much', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'monopilot-modes-')), 'data');
    await signupAndStop(await startServer({ DATA_DIR: dataDir }));
    const paths = ['', ...readdirSync(dataDir, { recursive: true, encoding: 'utf8' })];
    for (const path of paths) chmodSync(join(dataDir, path), lstatSync(join(dataDir, path)).isDirectory() ? 0o777 : 0o666);
    const server = await startServer({ DATA_DIR: dataDir });
    const warning = server.logs.find((line) => (line.level === 40 || line.level === 'warn') && typeof line.tightened === 'number');
    expect(warning).toMatchObject({ dataDir, tightened: paths.length });
    expect(notOwnerOnly(dataDir)).toEqual([]);
    await signupAndStop(server);
    expect(notOwnerOnly(dataDir)).toEqual([]);
  }, 180_000);
});
