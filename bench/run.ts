/**
 * npm run bench [-- <scenario> ...]
 *
 * Starts the real server in-process against the configured database (DATABASE_URL → a
 * fresh monopilot_bench_<pid> database on that server; otherwise PGlite in a temp directory),
 * runs the scenarios of bench/scenarios/*.ts (all, or those named), prints a table and
 * writes bench/results/<timestamp>-<database>.json.
 *
 * Knobs: BENCH_DURATION (seconds per measured run, default 10), BENCH_WARMUP (seconds of
 * discarded load before each run), BENCH_LOG_LEVEL (server log level, default warn),
 * BENCH_KEEP_DB=1 (keep the bench database afterwards; BENCH_DATABASE names it).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEnvironment, type RunningEnv } from './lib/environment.js';
import { stopAllLoad } from './lib/load.js';
import { formatTable, machineCpus, withRatios, writeReport, type BenchReport, type ScenarioReport } from './lib/report.js';
import type { Scenario, ScenarioFactory } from './lib/types.js';

const scenariosDir = fileURLToPath(new URL('./scenarios/', import.meta.url));
const resultsDir = fileURLToPath(new URL('./results', import.meta.url));

const log = (message: string) => console.log(`[bench] ${message}`);

/** Set on Ctrl-C / SIGTERM: what is cut short then is neither an error nor a result. */
let interrupted = false;

async function loadScenarios(): Promise<Scenario[]> {
  const files = readdirSync(scenariosDir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .sort();
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(`${scenariosDir}${file}`).href)) as { default?: ScenarioFactory };
    if (typeof module.default !== 'function') throw new Error(`bench/scenarios/${file} must export a scenario factory as default`);
    scenarios.push(module.default());
  }
  return scenarios;
}

async function runScenario(env: RunningEnv, scenario: Scenario): Promise<ScenarioReport> {
  const base = { name: scenario.name, description: scenario.description };
  log(`${scenario.name}: ${scenario.description}`);
  try {
    const setup = await scenario.setup(env);
    if (setup && 'skipped' in setup) {
      log(`${scenario.name}: skipped: ${setup.skipped}`);
      return { ...base, status: 'skipped', reason: setup.skipped, measurements: [] };
    }
    const outcome = await scenario.run(env);
    return { ...base, status: 'ok', measurements: withRatios(outcome.measurements), notes: outcome.notes };
  } catch (error) {
    if (!interrupted) console.error(`[bench] ${scenario.name} failed:`, error);
    return { ...base, status: 'failed', reason: error instanceof Error ? error.message : String(error), measurements: [] };
  } finally {
    await scenario.teardown(env).catch((error: unknown) => console.error(`[bench] ${scenario.name} teardown failed:`, error));
  }
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
  const all = await loadScenarios();
  const unknown = wanted.filter((name) => !all.some((scenario) => scenario.name === name));
  if (unknown.length) {
    console.error(`unknown scenario(s): ${unknown.join(', ')}; available: ${all.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const selected = wanted.length ? all.filter((scenario) => wanted.includes(scenario.name)) : all;

  const startedAt = new Date().toISOString();
  const env = await startEnvironment(log);
  const stop = (signal: string) => {
    interrupted = true;
    console.error(`[bench] ${signal}: stopping the load, closing the server and databases`);
    // If closing hangs, leave anyway after a while rather than never.
    setTimeout(() => process.exit(130), 15_000).unref();
    stopAllLoad()
      .then(() => env.close())
      .catch((error: unknown) => console.error('[bench] closing failed:', error))
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const reports: ScenarioReport[] = [];
  try {
    log(`server on ${env.baseUrl} (${env.kind}); ${env.durationSeconds}s per run after ${env.warmupSeconds}s warm-up`);
    for (const scenario of selected) {
      if (interrupted) break;
      reports.push(await runScenario(env, scenario));
    }
  } finally {
    await env.close();
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }

  if (interrupted) return 130;
  const report: BenchReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    database: env.kind,
    node: process.version,
    cpus: machineCpus(),
    durationSeconds: env.durationSeconds,
    warmupSeconds: env.warmupSeconds,
    scenarios: reports,
  };
  console.log(`\n${formatTable(report)}\n`);
  log(`results written to ${writeReport(report, resultsDir)}`);
  return reports.some((r) => r.status === 'failed') ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('[bench] failed:', error);
    process.exitCode = 1;
  },
);
