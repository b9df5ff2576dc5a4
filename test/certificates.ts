import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate authority of a test's own, and server certificates it signs (openssl, EC P-256). */
export interface TestCertificates {
  dir: string;
  /** The authority's certificate (what a client trusts). */
  caFile: string;
  /** A certificate for the names given (localhost and 127.0.0.1 unless told) signed by the authority, and its key. */
  certFile: string;
  keyFile: string;
  remove(): void;
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });

export function makeCertificates(name = 'test', altNames = 'DNS:localhost,IP:127.0.0.1'): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), `mp-certs-${name}-`));
  chmodSync(dir, 0o755);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', `/CN=MonoPilot ${name} CA`], dir);
  openssl(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost'], dir);
  writeFileSync(join(dir, 'server.ext'), `subjectAltName=${altNames}\n`);
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext'], dir);
  // PostgreSQL refuses a key file others can read; the test's servers run as postgres.
  chmodSync(join(dir, 'server.key'), 0o600);
  return { dir, caFile: join(dir, 'ca.pem'), certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server.key'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
