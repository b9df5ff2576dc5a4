import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStages } from './dockerfile.check.js';

// The image's HEALTHCHECK is a line of JavaScript no build checks: run the very command the
// Dockerfile holds against servers that answer /api/health with 200 and with 503, and none.

const dockerfile = readFileSync(new URL('../../../Dockerfile', import.meta.url), 'utf8');
const healthcheck = parseStages(dockerfile).at(-1)!.instructions.find((instruction) => instruction.keyword === 'HEALTHCHECK')!;
const command = JSON.parse(healthcheck.args.slice(healthcheck.args.indexOf('CMD ') + 4)) as string[];

let server: Server | TlsServer | null = null;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
});

async function serving(status: number): Promise<number> {
  server = createServer((request, response) => {
    response.writeHead(request.url === '/api/health' ? status : 404).end();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

function exitCodeOf(port: number, env: Record<string, string> = {}): Promise<number | null> {
  expect(command.slice(0, 2)).toEqual(['node', '-e']);
  const child = spawn(process.execPath, command.slice(1), { env: { PATH: process.env.PATH, PORT: String(port), ...env }, stdio: 'ignore' });
  return new Promise((resolve) => child.once('exit', resolve));
}

describe("the image's HEALTHCHECK command", () => {
  it('succeeds while /api/health answers 200 on PORT', async () => {
    expect(await exitCodeOf(await serving(200))).toBe(0);
  });

  it('fails when /api/health answers 503 (no database) or nothing listens', async () => {
    expect(await exitCodeOf(await serving(503))).toBe(1);
    const port = (server!.address() as { port: number }).port;
    await new Promise((resolve) => server!.close(resolve));
    server = null;
    expect(await exitCodeOf(port)).toBe(1);
  });

  it.skipIf(spawnSync('openssl', ['version']).status !== 0)('asks over HTTPS when the server speaks TLS itself, whatever name its certificate holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'monopilot-healthcheck-'));
    try {
      const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
      const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=monopilot.example.com']);
      expect(made.status).toBe(0);
      const tls = createTlsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (request, response) => {
        response.writeHead(request.url === '/api/health' ? 200 : 404).end();
      });
      server = tls;
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      const port = (tls.address() as { port: number }).port;
      expect(await exitCodeOf(port, { TLS_CERT_FILE: cert })).toBe(0);
      // Plain HTTP to a TLS server fails: the check follows TLS_CERT_FILE, not a guess.
      expect(await exitCodeOf(port)).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
