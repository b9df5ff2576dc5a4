/**
 * `npm run check:deploy`: what CI can check of the deployment files without a Docker engine or
 * a cluster. The Dockerfile is linted (dockerfile-utils) and held to the image's rules, every
 * manifest in k8s/ is validated against its Kubernetes schema (kubernetes-models) and the
 * deployment's rules, and compose.yaml is checked by its rules and by `docker-compose config`
 * when docker-compose is installed (the Caddyfile by `caddy validate` when Caddy is). Exits 1
 * on any problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkComposeRules, validateWithCaddy, validateWithDockerCompose } from './deploy/compose.check.js';
import { checkDockerfile, checkDockerignore } from './deploy/dockerfile.check.js';
import { checkManifests, readManifestFiles } from './deploy/manifests.check.js';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function report(what: string, problems: string[]): boolean {
  console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${what}`);
  for (const problem of problems) console.log(`       ${problem}`);
  return problems.length === 0;
}

function main(): boolean {
  const results = [report('Dockerfile: lint and image rules', checkDockerfile(read('Dockerfile'))), report('.dockerignore', checkDockerignore(read('.dockerignore')))];
  const manifestFiles = readManifestFiles(root);
  results.push(report(`k8s/: ${manifestFiles.length} manifests against their schemas and the deployment rules`, checkManifests(manifestFiles)));
  results.push(report('compose.yaml: services, wiring, health checks and secrets', checkComposeRules(read('compose.yaml'), read('ops/caddy/Caddyfile'))));
  if (!existsSync(join(root, '.env.example'))) results.push(report('.env.example', ['is missing: compose.yaml is validated with it']));
  else {
    const validation = validateWithDockerCompose(join(root, 'compose.yaml'), join(root, '.env.example'));
    if ('skipped' in validation) console.log(`skip docker-compose config: ${validation.skipped} (apt-get install docker-compose)`);
    else results.push(report('docker-compose config -q (with .env.example; refused without secrets)', validation.problems));
  }
  const caddy = validateWithCaddy(join(root, 'ops/caddy/Caddyfile'));
  if ('skipped' in caddy) console.log(`skip caddy validate: ${caddy.skipped} (apt-get install caddy)`);
  else results.push(report('ops/caddy/Caddyfile: caddy validate', caddy.problems));
  return results.every(Boolean);
}

process.exit(main() ? 0 : 1);
