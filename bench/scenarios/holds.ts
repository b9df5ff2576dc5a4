import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PgDialect } from 'drizzle-orm/pg-core';
import { holdReachedPlates } from '../../src/modules/warehouse/lot-hold.queries.js';
import type { Tx } from '../../src/platform/db/database.js';
import type { Session } from '../lib/api.js';
import type { BenchEnv, Measurement, Scenario } from '../lib/types.js';
import { buildGenealogy, createMasterData, planGenealogy, verifyGenealogy, type Master, type Plan } from './trace.js';

/**
 * Issue 14: a lot-wide hold with forward containment, `POST /api/v1/holds` with
 * includeDerived on the trace scenario's genealogy (HOLD_LPS license plates, ~HOLD_LINKS links;
 * default 1,000,000 / 10,000,000 on PostgreSQL, 20,000 / 200,000 on PGlite): the raw lot HOT
 * goes into ~1,000 work orders, so the hold walks ~9,300 LPs and holds those still in the plant
 * (each an update, a ledger row, an event). Each timed hold is followed by its signed release
 * (timed apart), so every hold does the whole work. Beside it, bare: the hold's one statement
 * (walk, locks, QA change, ledger rows) under the app role in a plain transaction whose deferred
 * checks are run and which is then rolled back. The goal is p95 < 500 ms at full scale.
 */

const BENCH_PASSWORD = 'bench password 1234';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

/** How many of k in [0, n) have k % 9 in [low, high] (as the trace scenario's plan counts). */
const countMod9 = (n: number, low: number, high: number) => Math.floor(n / 9) * (high - low + 1) + Math.max(0, Math.min(n % 9, high + 1) - low);

/** The LPs of HOT's forward closure still in the plant: HOT's own, and the finished and split LPs not shipped (intermediates were consumed). */
function expectedHeld(plan: Plan): number {
  const finished = plan.hotOrders * 5;
  return plan.hotPlates + finished - countMod9(finished, 4, 6) + countMod9(finished, 0, 3);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

function measurement(target: string, unit: string, times: number[], durationSeconds: number): Measurement {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (value: number) => Number(value.toFixed(2));
  return {
    target,
    unit,
    connections: 1,
    durationSeconds: round(durationSeconds),
    ok: times.length,
    errors: 0,
    statusCodes: { '2xx': times.length },
    perSecond: round(times.length / durationSeconds),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p97_5: round(percentile(sorted, 97.5)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]!),
  };
}

export default function holdsScenario(): Scenario {
  let session: Session | null = null;
  let plan: Plan | null = null;
  let master: Master | null = null;
  const prefix = randomBytes(4).toString('hex');
  const notes: Record<string, unknown> = {};

  const timedHold = async (env: BenchEnv) => {
    const t0 = performance.now();
    const held = await env.api.expect<{ id: string; licensePlateIds: string[] }>(201, 'POST', '/api/v1/holds', {
      token: session!.accessToken,
      body: { productId: master!.rawProducts[0], lot: 'HOT', reason: 'bench: supplier recall', includeDerived: true },
    });
    const holdMs = performance.now() - t0;
    const t1 = performance.now();
    const released = await env.api.expect<{ releasedLicensePlateIds: string[] }>(200, 'POST', `/api/v1/holds/${held.id}/release`, {
      token: session!.accessToken,
      body: { reason: 'bench: cleared', signature: { password: BENCH_PASSWORD, meaning: 'bench release' } },
    });
    return { holdMs, releaseMs: performance.now() - t1, held: held.licensePlateIds.length, released: released.releasedLicensePlateIds.length };
  };

  /** The hold's one statement in a bare transaction: deferred checks run, then rolled back so the next run finds the same stock. */
  const bareHold = async (env: BenchEnv): Promise<number> => {
    let elapsed = 0;
    const rollback = new Error('rollback');
    await env
      .bareTransaction(async (query) => {
        const captured: { sql: string; params: unknown[] }[] = [];
        // Renders the very statement the app runs (holdReachedPlates) without a database behind it.
        const recorder = { execute: async (q: Parameters<Tx['execute']>[0]) => (captured.push(new PgDialect().sqlToQuery(q as never)), { rows: [] }) } as unknown as Tx;
        await holdReachedPlates(recorder, session!.orgId, { productId: master!.rawProducts[0]!, lot: 'HOT', includeDerived: true, reason: 'bench: bare' });
        // As the app's statement runs: the app role, the organization set, row level security on.
        await query(`select set_config('role', 'monopilot_app', true), set_config('app.org_id', $1, true)`, [session!.orgId]);
        const t0 = performance.now();
        await query(captured[0]!.sql, captured[0]!.params);
        await query('set constraints all immediate');
        elapsed = performance.now() - t0;
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    return elapsed;
  };

  return {
    name: 'holds',
    description: 'POST /holds with includeDerived on the trace genealogy (1M LPs / ~10M links on PostgreSQL): the lot used in ~1,000 work orders, p95; vs bare',

    async setup(env) {
      const small = env.kind === 'pglite';
      plan = planGenealogy(intEnv('HOLD_LPS', small ? 20_000 : 1_000_000), intEnv('HOLD_LINKS', small ? 200_000 : 10_000_000));
      env.log(`holds: plan ${JSON.stringify(plan)}`);
      session = await env.api.signup('holds');
      master = await createMasterData(env, session);
      notes.build = await env.db.withSession((raw) => buildGenealogy(env, raw, plan!, master!, prefix));
      notes.counts = await env.db.withSession((raw) => verifyGenealogy(raw, session!.orgId));
      notes.plan = plan;
    },

    async run(env) {
      const runs = intEnv('BENCH_HOLD_RUNS', 20);
      const first = await timedHold(env);
      const expected = expectedHeld(plan!);
      if (first.held !== expected || first.released !== expected) throw new Error(`the hold of HOT held ${first.held} and released ${first.released} LPs; expected ${expected}`);
      notes.heldPerHold = expected;
      const holds: number[] = [];
      const releases: number[] = [];
      const started = performance.now();
      for (let run = 0; run < runs; run++) {
        const { holdMs, releaseMs } = await timedHold(env);
        holds.push(holdMs);
        releases.push(releaseMs);
      }
      const appSeconds = (performance.now() - started) / 1000;
      const bare: number[] = [];
      const bareStarted = performance.now();
      await bareHold(env);
      for (let run = 0; run < runs; run++) bare.push(await bareHold(env));
      const bareSeconds = (performance.now() - bareStarted) / 1000;
      env.log(`holds: ${runs} holds of ${expected} LPs each`);
      return {
        measurements: [
          measurement('app', 'holds with includeDerived/s', holds, holds.reduce((a, b) => a + b, 0) / 1000),
          measurement('app (release)', 'signed releases/s', releases, releases.reduce((a, b) => a + b, 0) / 1000),
          measurement('bare', 'hold statements/s', bare, bare.reduce((a, b) => a + b, 0) / 1000),
        ],
        notes: { ...notes, runs, appSeconds, bareSeconds },
      };
    },

    async teardown() {},
  };
}
