import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from '../../config.js';

// The examples' REPLACE_ME values are meant to be unusable: a forgotten one must stop the
// server at start-up, never run it with a secret printed in the repository.

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const realJwtSecret = 'a-real-jwt-secret-of-more-than-32-characters';
const realMasterKey = Buffer.alloc(32, 7).toString('base64');

/** The ConfigError message loadConfig stops with, or null when it accepts the environment. */
function refusal(env: Record<string, string>): string | null {
  try {
    loadConfig({ NODE_ENV: 'production', ...env });
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

describe('the example placeholders', () => {
  it(".env.example's stop the server: each secret on its own", () => {
    const example = Object.fromEntries(
      read('.env.example')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    ) as Record<string, string>;
    expect(Object.keys(example).sort()).toEqual(['JWT_SECRET', 'MASTER_KEY', 'POSTGRES_PASSWORD']);
    expect(refusal({ JWT_SECRET: example.JWT_SECRET!, MASTER_KEY: realMasterKey })).toMatch(/JWT_SECRET/);
    expect(refusal({ JWT_SECRET: realJwtSecret, MASTER_KEY: example.MASTER_KEY! })).toMatch(/MASTER_KEY/);
    expect(refusal({ JWT_SECRET: realJwtSecret, MASTER_KEY: realMasterKey })).toBeNull();
  });

  it("k8s/examples/secret.yaml's stop the server: the URLs, JWT_SECRET and MASTER_KEY", () => {
    const secret = parse(read('k8s/examples/secret.yaml')) as { stringData: Record<string, string> };
    const real = { DATABASE_URL: 'postgres://monopilot:pw@pgbouncer:6432/monopilot', DATABASE_DIRECT_URL: 'postgres://monopilot:pw@postgres:5432/monopilot', REDIS_URL: 'redis://redis:6379', JWT_SECRET: realJwtSecret, MASTER_KEY: realMasterKey };
    expect(Object.keys(secret.stringData).sort()).toEqual(Object.keys(real).sort());
    expect(refusal(real)).toBeNull();
    for (const name of Object.keys(real)) {
      expect(refusal({ ...real, [name]: secret.stringData[name]! }), name).toMatch(new RegExp(name));
    }
  });
});
