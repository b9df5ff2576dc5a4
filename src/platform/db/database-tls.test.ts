import { execFileSync } from 'node:child_process';
import { chownSync, copyFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificates, type TestCertificates } from '../../../test/certificates.js';
import { canStartPostgres, startPostgres, type PostgresServer } from '../../../test/postgres-server.js';
import { openPostgres } from './database.js';
import { withRootCertificate } from './root-certificate.js';

const describeWithServer = canStartPostgres() ? describe : describe.skip;
let certificates: TestCertificates;
let otherAuthority: TestCertificates;
let server: PostgresServer;

/** The key where the server can read it: PostgreSQL insists that its owner is the server's user. */
function keyForPostgres(set: TestCertificates): string {
  const file = join(set.dir, 'server-postgres.key');
  copyFileSync(set.keyFile, file);
  chmodSync(file, 0o600);
  if (process.getuid?.() === 0) {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' })));
    chownSync(file, uid!, gid!);
  }
  return file;
}

async function isEncrypted(url: string): Promise<boolean> {
  const database = openPostgres(url, 1);
  try {
    const [row] = await database.withSession((session) => session.query<{ ssl: boolean }>('select ssl from pg_stat_ssl where pid = pg_backend_pid()'));
    return row!.ssl;
  } finally {
    await database.close();
  }
}

describeWithServer('the database over TLS, with sslmode=verify-full', () => {
  beforeAll(async () => {
    certificates = makeCertificates('postgres');
    otherAuthority = makeCertificates('other');
    server = await startPostgres({ ssl: 'on', ssl_cert_file: `'${certificates.certFile}'`, ssl_key_file: `'${keyForPostgres(certificates)}'` });
  }, 60_000);
  afterAll(async () => {
    await server?.destroy();
    certificates?.remove();
    otherAuthority?.remove();
  });

  it('connects encrypted when the authority named in the URL signed the server certificate', async () => {
    expect(await isEncrypted(`${server.url()}?sslmode=verify-full&sslrootcert=${certificates.caFile}`)).toBe(true);
  });

  it('takes the authority from PGSSLROOTCERT, as libpq does', async () => {
    const url = withRootCertificate(`${server.url()}?sslmode=verify-full`, { PGSSLROOTCERT: certificates.caFile });
    expect(url).toContain(`sslrootcert=${encodeURIComponent(certificates.caFile)}`);
    expect(await isEncrypted(url)).toBe(true);
  });

  it('refuses a server whose certificate another authority signed', async () => {
    await expect(isEncrypted(`${server.url()}?sslmode=verify-full&sslrootcert=${otherAuthority.caFile}`)).rejects.toThrow(/self-signed|unable to verify|certificate/i);
  });

  it('refuses a certificate that names another host, even from the trusted authority', async () => {
    const elsewhere = makeCertificates('elsewhere', 'DNS:db.elsewhere.example');
    const admin = openPostgres(server.url(), 1);
    const useCertificate = async (set: TestCertificates) => {
      await admin.withSession(async (session) => {
        await session.query(`alter system set ssl_cert_file = '${set.certFile}'`);
        await session.query(`alter system set ssl_key_file = '${keyForPostgres(set)}'`);
        await session.query('select pg_reload_conf()');
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
    };
    try {
      await useCertificate(elsewhere);
      await expect(isEncrypted(`${server.url()}?sslmode=verify-full&sslrootcert=${elsewhere.caFile}`)).rejects.toThrow(/altnames|does not match/i);
    } finally {
      await useCertificate(certificates);
      await admin.close();
      elsewhere.remove();
    }
  });
});

describe('PGSSLROOTCERT', () => {
  it('is added only to a verifying URL that names no authority of its own', () => {
    const env = { PGSSLROOTCERT: '/etc/ssl/db-ca.pem' };
    expect(withRootCertificate('postgres://db/app?sslmode=require', env)).toBe('postgres://db/app?sslmode=require');
    expect(withRootCertificate('postgres://db/app?sslmode=verify-full&sslrootcert=/mine.pem', env)).toBe('postgres://db/app?sslmode=verify-full&sslrootcert=/mine.pem');
    expect(withRootCertificate('postgres://db/app?sslmode=verify-ca', {})).toBe('postgres://db/app?sslmode=verify-ca');
  });
});
