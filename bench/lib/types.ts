import type { Database } from '../../src/platform/db/database.js';
import type { Server } from '../../src/server.js';
import type { ApiClient } from './api.js';

/** One measured load run against one target (the app, or the bare handler beside it). */
export interface Measurement {
  /** 'bare' is the yardstick the others are divided by; 'app' the real server; scenarios may name other variants. */
  target: string;
  /** What one counted response stands for: a request, a split, ... */
  unit: string;
  connections: number;
  durationSeconds: number;
  /** 2xx responses. */
  ok: number;
  /** Non-2xx responses, socket errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
  /** 2xx responses per second. */
  perSecond: number;
  /** Latency of 2xx responses, in milliseconds. */
  p50: number;
  p95: number;
  p97_5: number;
  p99: number;
  max: number;
}

/** What a scenario's run answers: its measurements, and any facts worth keeping beside them. */
export interface ScenarioRun {
  measurements: Measurement[];
  notes?: Record<string, unknown>;
}

/** Everything a scenario may use: the running server, its database, an HTTP client and the knobs. */
export interface BenchEnv {
  kind: 'pglite' | 'postgres';
  server: Server;
  /** The PostgreSQL URL of the bench database; null on PGlite. */
  databaseUrl: string | null;
  /** The app's own database (the server's pool, or the PGlite instance). */
  db: Database;
  /** http://127.0.0.1:<port> of the app. */
  baseUrl: string;
  api: ApiClient;
  /** Seconds each measured run lasts (BENCH_DURATION). */
  durationSeconds: number;
  /** Seconds of discarded load before each measured run. */
  warmupSeconds: number;
  /** The same database as the app, for bare handlers: a pg pool of the app's size, or the same PGlite. */
  bareQuery: BareQuery;
  /** One transaction on a connection of the bare pool (or the same PGlite), for bare write handlers. */
  bareTransaction: BareTransaction;
  log(message: string): void;
}

export type BareTransaction = <T>(fn: (query: BareQuery) => Promise<T>) => Promise<T>;

export type BareQuery = <T extends Record<string, unknown> = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/**
 * A benchmark scenario. setup seeds what it needs (or answers why it must be skipped),
 * run measures, teardown releases whatever setup or run opened.
 */
export interface Scenario {
  name: string;
  description: string;
  setup(env: BenchEnv): Promise<{ skipped: string } | void>;
  run(env: BenchEnv): Promise<ScenarioRun>;
  teardown(env: BenchEnv): Promise<void>;
}

/** A scenario file's default export: a fresh scenario (with its own state) per run. */
export type ScenarioFactory = () => Scenario;
