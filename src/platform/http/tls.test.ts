import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificates, type TestCertificates } from '../../../test/certificates.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { readTlsFiles } from './tls.js';

let certificates: TestCertificates;
let other: TestCertificates;
let server: TestServer;
let port: number;

/** GET over HTTPS trusting only `ca`; answers status and headers, or the handshake's error. */
function httpsGet(path: string, ca: Buffer): Promise<{ status: number; hsts: string | undefined }> {
  return new Promise((resolve, reject) => {
    const call = request({ host: '127.0.0.1', port, path, ca, servername: 'localhost' }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, hsts: response.headers['strict-transport-security'] });
    });
    call.on('error', reject);
    call.end();
  });
}

describe('HTTPS with TLS_CERT_FILE and TLS_KEY_FILE', () => {
  beforeAll(async () => {
    certificates = makeCertificates('https');
    other = makeCertificates('other');
    server = await startTestServer({ TLS_CERT_FILE: certificates.certFile, TLS_KEY_FILE: certificates.keyFile });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    port = (server.app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await server?.stop();
    certificates?.remove();
    other?.remove();
  });

  it('answers over HTTPS with the certificate given, and sends HSTS', async () => {
    const answer = await httpsGet('/api/health', readFileSync(certificates.caFile));
    expect(answer.status).toBe(200);
    expect(answer.hsts).toBe('max-age=31536000; includeSubDomains');
  });

  it('is refused by a client that trusts another authority', async () => {
    await expect(httpsGet('/api/health', readFileSync(other.caFile))).rejects.toThrow(/self-signed|unable to verify|certificate/i);
  });

  it('does not answer plain HTTP on its port', async () => {
    const answer = await fetch(`http://127.0.0.1:${port}/api/health`).then((response) => response.status, (error: Error) => error.message);
    expect(answer).not.toBe(200);
  });

  it('stops the start with one line naming the files when the key is not the certificate\'s', async () => {
    expect(() => readTlsFiles({ TLS_CERT_FILE: certificates.certFile, TLS_KEY_FILE: other.keyFile })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE are not a PEM certificate and its key/);
    expect(() => readTlsFiles({ TLS_CERT_FILE: '/nonexistent.pem', TLS_KEY_FILE: other.keyFile })).toThrow(/TLS_CERT_FILE cannot be read \(ENOENT\)/);
  });
});

describe('plain HTTP', () => {
  it('sends no HSTS (a proxy in front speaks TLS, or nothing does)', async () => {
    const plain = await startTestServer();
    try {
      expect((await plain.request({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBeUndefined();
    } finally {
      await plain.stop();
    }
  });
});
