import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkComposeRules, validateWithCaddy, validateWithDockerCompose } from './compose.check.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const composeText = readFileSync(join(root, 'compose.yaml'), 'utf8');
const caddyfile = readFileSync(join(root, 'ops/caddy/Caddyfile'), 'utf8');

/** compose.yaml with one change, its anchors resolved (what Compose itself reads). */
function withChange(edit: (compose: any) => void): string {
  const compose = parse(composeText, { merge: true });
  edit(compose);
  return stringify(compose);
}

describe("compose.yaml's rules", () => {
  it("pass the repository's compose.yaml and Caddyfile", () => {
    expect(checkComposeRules(composeText, caddyfile)).toEqual([]);
  });

  it('refuse a literal secret, a secret with a default, an optional JWT_SECRET, and a literal password in a URL', () => {
    const problems = checkComposeRules(
      withChange((compose) => {
        compose.services.app1.environment.JWT_SECRET = 'x'.repeat(40);
        compose.services.app1.environment.MASTER_KEY = '${MASTER_KEY:-}';
        compose.services.app2.environment.MASTER_KEY = '${MASTER_KEY:-dev-key}';
        compose.services.app2.environment.DATABASE_URL = 'postgres://monopilot:hunter2@pgbouncer:6432/monopilot';
      }),
      caddyfile,
    );
    expect(problems).toEqual([
      'app1: MASTER_KEY is required in production: ${MASTER_KEY:?…}',
      expect.stringMatching(/^app1: JWT_SECRET must come from the environment/),
      'app2: the password in DATABASE_URL must be a ${NAME:?…} reference',
      expect.stringMatching(/^app2: MASTER_KEY must come from the environment/),
    ]);
  });

  it('refuse an app that skips PgBouncer or starts before its database is healthy, and PgBouncer in session mode', () => {
    const problems = checkComposeRules(
      withChange((compose) => {
        compose.services.app1.environment.DATABASE_URL = compose.services.app1.environment.DATABASE_DIRECT_URL;
        compose.services.app2.depends_on = ['postgres', 'pgbouncer', 'redis'];
        compose.services.pgbouncer.environment.POOL_MODE = 'session';
        delete compose.services.redis.healthcheck;
      }),
      caddyfile,
    );
    expect(problems).toEqual([
      'app1: DATABASE_URL must go through pgbouncer',
      'app2: must depend on postgres with condition: service_healthy',
      'app2: must depend on pgbouncer with condition: service_healthy',
      'app2: must depend on redis with condition: service_healthy',
      'redis: needs a healthcheck',
      'pgbouncer: POOL_MODE must be transaction',
    ]);
  });

  it('refuse a single instance, and a proxy that does not send requests to every instance', () => {
    expect(checkComposeRules(withChange((compose) => delete compose.services.app2), caddyfile)).toEqual([
      'needs two app instances built from the Dockerfile',
    ]);
    expect(checkComposeRules(composeText, caddyfile.replace('app1:3000 app2:3000', 'app1:3000'))).toEqual(['Caddyfile: reverse_proxy must name app2:3000']);
  });
});

const hasDockerCompose = spawnSync('docker-compose', ['version', '--short']).status === 0;

// Each call starts docker-compose (Python) three times: seconds each on a loaded machine.
describe.skipIf(!hasDockerCompose)('docker-compose config', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'monopilot-compose-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it("accepts the repository's compose.yaml with .env.example, and sees it refused without secrets", () => {
    expect(validateWithDockerCompose(join(root, 'compose.yaml'), join(root, '.env.example'))).toEqual({ problems: [] });
  });

  it('reports a file Compose cannot read, and one that would start without its secrets', () => {
    // The Caddyfile mount is relative to the compose file's directory.
    write('Caddyfile', caddyfile);
    const broken = write('broken.yaml', composeText.replace('condition: service_healthy', 'condition: when_ready'));
    const result = validateWithDockerCompose(broken, join(root, '.env.example'));
    expect(result).toEqual({ problems: [expect.stringMatching(/when_ready/)] });
    const withDefaults = write('defaults.yaml', composeText.replaceAll(/\$\{([A-Z_]+):\?[^}]*\}/g, '${$1:-insecure}'));
    expect(validateWithDockerCompose(withDefaults, join(root, '.env.example'))).toEqual({ problems: [expect.stringMatching(/accepted the file without JWT_SECRET/)] });
  });
});

describe.skipIf(spawnSync('caddy', ['version']).status !== 0)('caddy validate', () => {
  it("accepts the repository's Caddyfile and reports a misspelt subdirective with its line", () => {
    expect(validateWithCaddy(join(root, 'ops/caddy/Caddyfile'))).toEqual({ problems: [] });
    const dir = mkdtempSync(join(tmpdir(), 'monopilot-caddyfile-test-'));
    try {
      writeFileSync(join(dir, 'Caddyfile'), caddyfile.replace('health_uri', 'health_url'));
      expect(validateWithCaddy(join(dir, 'Caddyfile'))).toEqual({ problems: [expect.stringMatching(/Caddyfile:\d+ - .*unrecognized subdirective health_url/)] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
