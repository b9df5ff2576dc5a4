import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

// The parsed compose file is read loosely; each rule says what it expects.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Service = Record<string, any>;

/**
 * Variables whose value is a secret: in compose.yaml only ever a reference to the environment,
 * required (`${NAME:?…}`) or, for an optional one, empty by default (`${NAME:-}`); never a
 * literal, never a default someone could run with.
 */
const SECRET_NAME = /SECRET|PASSWORD|MASTER_KEY|TOKEN/;
const REQUIRED_REFERENCE = /^\$\{[A-Z_][A-Z0-9_]*:\?[^}]*\}$/;
const OPTIONAL_REFERENCE = /^\$\{[A-Z_][A-Z0-9_]*(:-)?\}$/;
const URL_PASSWORD = /^[a-z]+:\/\/[^:/@]+:([^@]*)@/;

/** A service's environment as name → value, from either the map or the list form. */
function environmentOf(service: Service): Record<string, string> {
  const environment = service.environment ?? {};
  if (!Array.isArray(environment)) return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value ?? '')]));
  return Object.fromEntries(environment.map((entry: string) => [entry.split('=')[0], entry.slice(entry.indexOf('=') + 1)]));
}

const hostOf = (url: string | undefined) => (url ? /@([^:/]+)/.exec(url)?.[1] : undefined);

function dependsOnHealthy(service: Service, dependency: string): boolean {
  return !Array.isArray(service.depends_on) && service.depends_on?.[dependency]?.condition === 'service_healthy';
}

/** No literal secret: secret variables and passwords inside URLs are required references. */
function checkSecrets(name: string, environment: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(environment)) {
    const isReference = REQUIRED_REFERENCE.test(value) || OPTIONAL_REFERENCE.test(value);
    if (SECRET_NAME.test(key) && !isReference) problems.push(`${name}: ${key} must come from the environment as \${${key}:?…}, never a literal or a default`);
    const password = URL_PASSWORD.exec(value)?.[1];
    if (password !== undefined && !REQUIRED_REFERENCE.test(password)) problems.push(`${name}: the password in ${key} must be a \${NAME:?…} reference`);
  }
  return problems;
}

function checkApp(name: string, service: Service): string[] {
  const environment = environmentOf(service);
  const problems: string[] = [];
  if (environment.NODE_ENV !== 'production') problems.push(`${name}: NODE_ENV must be production`);
  if (hostOf(environment.DATABASE_URL) !== 'pgbouncer') problems.push(`${name}: DATABASE_URL must go through pgbouncer`);
  if (hostOf(environment.DATABASE_DIRECT_URL) !== 'postgres') problems.push(`${name}: DATABASE_DIRECT_URL must go straight to postgres (migrations need a session)`);
  if (!environment.REDIS_URL) problems.push(`${name}: REDIS_URL is required with more than one instance`);
  for (const key of ['JWT_SECRET', 'MASTER_KEY']) {
    if (!environment[key]) problems.push(`${name}: ${key} is required in production`);
    else if (OPTIONAL_REFERENCE.test(environment[key])) problems.push(`${name}: ${key} is required in production: \${${key}:?…}`);
  }
  for (const dependency of ['postgres', 'pgbouncer', 'redis']) {
    if (!dependsOnHealthy(service, dependency)) problems.push(`${name}: must depend on ${dependency} with condition: service_healthy`);
  }
  return problems;
}

/** The rules compose.yaml keeps (docs/self-hosting.md): the services, their wiring, health checks and secrets. */
export function checkComposeRules(composeText: string, caddyfileText: string): string[] {
  const compose = parse(composeText, { merge: true }) as { services?: Record<string, Service> } | null;
  const services = compose?.services ?? {};
  const problems: string[] = [];
  const apps = Object.keys(services).filter((name) => services[name]!.build !== undefined);
  if (apps.length < 2) problems.push('needs two app instances built from the Dockerfile');
  for (const app of apps) problems.push(...checkApp(app, services[app]!));
  const byImage = (prefix: string) => Object.entries(services).find(([, service]) => String(service.image ?? '').startsWith(prefix));
  const expected = { proxy: 'caddy:2', postgres: 'postgres:15', pgbouncer: 'edoburu/pgbouncer', redis: 'redis:7' };
  for (const [role, image] of Object.entries(expected)) if (!byImage(image)) problems.push(`needs a ${role} service (${image})`);
  for (const name of ['postgres', 'pgbouncer', 'redis']) if (services[name] && !services[name].healthcheck?.test) problems.push(`${name}: needs a healthcheck`);
  if (services.pgbouncer && environmentOf(services.pgbouncer).POOL_MODE !== 'transaction') problems.push('pgbouncer: POOL_MODE must be transaction');
  if (services.postgres && !(services.postgres.volumes ?? []).some((volume: string) => String(volume).endsWith(':/var/lib/postgresql/data'))) problems.push('postgres: its data must be on a volume');
  const proxy = byImage('caddy:2');
  if (proxy && !(proxy[1].ports ?? []).length) problems.push(`${proxy[0]}: must publish the one port`);
  for (const app of apps) if (proxy && !dependsOnHealthy(proxy[1], app)) problems.push(`${proxy[0]}: must depend on ${app} with condition: service_healthy`);
  for (const [name, service] of Object.entries(services)) problems.push(...checkSecrets(name, environmentOf(service)));
  const upstreams = /reverse_proxy\s+([^{\n]+)/.exec(caddyfileText)?.[1]?.trim().split(/\s+/) ?? [];
  for (const app of apps) if (!upstreams.includes(`${app}:3000`)) problems.push(`Caddyfile: reverse_proxy must name ${app}:3000`);
  if (!/health_uri\s+\/api\/health/.test(caddyfileText)) problems.push('Caddyfile: needs health_uri /api/health');
  return problems;
}

export type ComposeValidation = { skipped: string } | { problems: string[] };

function dockerCompose(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync('docker-compose', args, { encoding: 'utf8', env, timeout: 60_000 });
}

let isDockerComposeInstalled: boolean | undefined;
const hasDockerCompose = () => {
  if (isDockerComposeInstalled === undefined) {
    const version = dockerCompose(['version', '--short'], process.env);
    isDockerComposeInstalled = !version.error && version.status === 0;
  }
  return isDockerComposeInstalled;
};

/**
 * `docker-compose config -q` (Debian's, v1.29): the file as Compose itself reads it, with the
 * example env file, then once more without any secret, which must be refused.
 */
export function validateWithDockerCompose(composeFile: string, exampleEnvFile: string): ComposeValidation {
  if (!hasDockerCompose()) return { skipped: 'docker-compose is not installed' };
  const problems: string[] = [];
  const withExample = dockerCompose(['--env-file', exampleEnvFile, '-f', composeFile, 'config', '-q'], process.env);
  if (withExample.status !== 0) problems.push(`docker-compose config with ${exampleEnvFile}: ${(withExample.stderr || withExample.stdout || String(withExample.error)).trim()}`);
  // An empty env file, and none of the secrets in the environment: compose must stop, naming one.
  const dir = mkdtempSync(join(tmpdir(), 'monopilot-compose-'));
  try {
    writeFileSync(join(dir, 'empty.env'), '');
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SECRET_NAME.test(name)));
    const withoutSecrets = dockerCompose(['--env-file', join(dir, 'empty.env'), '-f', composeFile, 'config', '-q'], env);
    if (withoutSecrets.status === 0) problems.push('docker-compose config accepted the file without JWT_SECRET, MASTER_KEY or POSTGRES_PASSWORD: they must be required (${NAME:?…})');
    else if (!/mandatory|required/i.test(withoutSecrets.stderr)) problems.push(`docker-compose config without secrets failed for another reason: ${withoutSecrets.stderr.trim()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { problems };
}

/**
 * `caddy validate` on the Caddyfile, when Caddy is installed (Debian's `caddy`): a misspelt
 * subdirective would otherwise surface only when the proxy container starts. Its storage goes
 * to a temporary directory, not the user's home.
 */
export function validateWithCaddy(caddyfile: string): ComposeValidation {
  const version = spawnSync('caddy', ['version'], { encoding: 'utf8', timeout: 30_000 });
  if (version.error || version.status !== 0) return { skipped: 'caddy is not installed' };
  const dir = mkdtempSync(join(tmpdir(), 'monopilot-caddy-'));
  try {
    // SITE_ADDRESS unset, as compose.yaml's default leaves Caddy on :80 (an empty one would not be).
    const env = { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'SITE_ADDRESS')), XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
    const run = spawnSync('caddy', ['validate', '--config', caddyfile, '--adapter', 'caddyfile'], { encoding: 'utf8', env, timeout: 30_000 });
    if (run.status === 0) return { problems: [] };
    const error = `${run.stderr}\n${run.stdout}`.split('\n').find((line) => line.startsWith('Error:')) ?? (run.stderr || String(run.error)).trim();
    return { problems: [`caddy validate ${caddyfile}: ${error}`] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
