import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm run check:deploy` as CI runs it: every part reported, exit 0 on the repository's files;
// without docker-compose or caddy on PATH those parts are skipped and say so, and the rest still runs.

function checkDeploy(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/check-deploy.ts'], { cwd: process.cwd(), env, encoding: 'utf8', timeout: 120_000 });
}

describe('npm run check:deploy', () => {
  it("passes the repository's Dockerfile, .dockerignore, k8s/ and compose.yaml", () => {
    const run = checkDeploy(process.env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const hasDockerCompose = spawnSync('docker-compose', ['version', '--short']).status === 0;
    const hasCaddy = spawnSync('caddy', ['version']).status === 0;
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'ok   Dockerfile: lint and image rules',
      'ok   .dockerignore',
      'ok   k8s/: 5 manifests against their schemas and the deployment rules',
      'ok   compose.yaml: services, wiring, health checks and secrets',
      hasDockerCompose ? 'ok   docker-compose config -q (with .env.example; refused without secrets)' : expect.stringMatching(/^skip docker-compose config/),
      hasCaddy ? 'ok   ops/caddy/Caddyfile: caddy validate' : expect.stringMatching(/^skip caddy validate/),
    ]);
  }, 120_000);

  it('says it skipped docker-compose and caddy when they are not installed', () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'monopilot-no-compose-'));
    try {
      const run = checkDeploy({ ...process.env, PATH: emptyPath });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('skip docker-compose config: docker-compose is not installed (apt-get install docker-compose)');
      expect(run.stdout).toContain('skip caddy validate: caddy is not installed (apt-get install caddy)');
    } finally {
      rmSync(emptyPath, { recursive: true, force: true });
    }
  }, 120_000);
});
