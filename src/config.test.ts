import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DATABASE_URL_PURPOSE, loadConfig } from './config.js';
import { secretBoxOf } from './platform/secrets/secret-box.js';

// Configuration is validated once at start-up; each bad value is named in one line.

function failure(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

const masterKey = Buffer.alloc(32, 1).toString('base64');

describe('loadConfig', () => {
  it('defaults to PGlite in ./data on port 3000 with an in-memory cache', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', LOG_LEVEL: 'info', NODE_ENV: 'development' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('reads the documented variables, and treats empty strings as unset', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://app@db:5432/monopilot',
      DATABASE_READ_URL: 'postgresql://app@replica:5432/monopilot',
      REDIS_URL: 'rediss://cache:6380',
      JWT_SECRET: 'x'.repeat(32),
      LOG_LEVEL: 'debug',
      DATA_DIR: '',
    });
    expect(config).toMatchObject({ PORT: 8080, REDIS_URL: 'rediss://cache:6380', LOG_LEVEL: 'debug', DATA_DIR: './data' });
  });

  it.each([
    ['PORT', { PORT: 'abc' }, /must be a number/],
    ['PORT', { PORT: '70000' }, /between 1 and 65535/],
    ['PORT', { PORT: '0' }, /between 1 and 65535/],
    ['PORT', { PORT: '80.5' }, /integer/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }, /postgres/],
    ['DATABASE_READ_URL', { DATABASE_READ_URL: 'http://replica' }, /postgres/],
    ['REDIS_URL', { REDIS_URL: 'http://x' }, /redis:\/\//],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /must be one of/],
    ['NODE_ENV', { NODE_ENV: 'prod' }, /must be one of development, test, staging, production/],
    ['JWT_SECRET', { JWT_SECRET: 'short' }, /32 characters/],
    ['JWT_SECRET', { NODE_ENV: 'production' }, /required when NODE_ENV=production/],
    ['JWT_SECRET', { NODE_ENV: 'staging', MASTER_KEY: masterKey }, /required when NODE_ENV=staging/],
    ['MASTER_KEY', { NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40) }, /required when NODE_ENV=production/],
    ['MASTER_KEY', { MASTER_KEY: 'c2hvcnQ=' }, /32 bytes in base64/],
    ['MASTER_KEY_PREVIOUS', { MASTER_KEY_PREVIOUS: 'not base64 at all, and too long to be a key of 32 bytes' }, /32 bytes in base64/],
    ['TLS_CERT_FILE', { TLS_CERT_FILE: '/etc/ssl/server.pem' }, /go together/],
    ['RATE_LIMIT_PER_MINUTE', { RATE_LIMIT_PER_MINUTE: 'lots' }, /must be a number/],
  ])('refuses a bad %s in one line that names it', (variable, env, reason) => {
    const message = failure(env);
    expect(message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    expect(message).toMatch(reason);
    expect(message).not.toContain('\n');
  });

  it('accepts staging and production with a JWT secret and a master key', () => {
    for (const NODE_ENV of ['staging', 'production']) expect(loadConfig({ NODE_ENV, JWT_SECRET: 's'.repeat(40), MASTER_KEY: masterKey }).NODE_ENV).toBe(NODE_ENV);
  });
});

describe('start-up with a bad value', () => {
  it('exits with code 1 and one line on stderr naming the variable, without a stack trace', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'monopilot-config-'));
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !['DATABASE_URL', 'REDIS_URL', 'NODE_OPTIONS'].includes(name) && !name.startsWith('VITEST')));
    const result = spawnSync('npx', ['tsx', 'src/main.ts'], {
      cwd: process.cwd(),
      env: { ...env, PORT: 'abc', DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: PORT must be a number/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout.trim()).toBe('');
  });
});

describe('dedicated database URLs sealed with MASTER_KEY', () => {
  const url = 'postgres://monopilot:s3cret-password@db-acme:5432/monopilot';
  const oldKey = Buffer.alloc(32, 2).toString('base64');

  it('are opened at start-up, so nothing but the configuration ever sees them sealed', () => {
    const sealed = secretBoxOf({ MASTER_KEY: masterKey }).seal(url, DATABASE_URL_PURPOSE);
    expect(sealed).not.toContain('s3cret');
    expect(loadConfig({ MASTER_KEY: masterKey, TENANT_DATABASES: JSON.stringify({ acme: sealed }) }).TENANT_DATABASES).toEqual({ acme: url });
  });

  it('open with the previous key during a rotation, and not without it', () => {
    const sealed = secretBoxOf({ MASTER_KEY: oldKey }).seal(url, DATABASE_URL_PURPOSE);
    expect(loadConfig({ MASTER_KEY: masterKey, MASTER_KEY_PREVIOUS: oldKey, TENANT_DATABASES: JSON.stringify({ acme: sealed }) }).TENANT_DATABASES.acme).toBe(url);
    expect(() => loadConfig({ MASTER_KEY: masterKey, TENANT_DATABASES: JSON.stringify({ acme: sealed }) })).toThrow(/^Invalid configuration: TENANT_DATABASES.acme a secret is sealed with key \w+, which is neither MASTER_KEY nor MASTER_KEY_PREVIOUS$/);
  });
});
