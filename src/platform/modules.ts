/**
 * What a business module hands the platform: one manifest, exported from its index.ts. The
 * platform knows no domain; it registers the routes, starts the jobs and runs the clean-ups
 * the manifests name, and the ownership test (db/ownership.test.ts) holds each module to the
 * tables it declares.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Platform } from './context.js';
import type { Tx } from './db/database.js';
import type { JobDefinition } from './jobs/index.js';

/** The read-only reporting modules, which may read other modules' tables where the owner says so. */
export const reportingModules = ['traceability', 'dashboard'] as const;
export type ReportingModule = (typeof reportingModules)[number];

/** A retention delete, run hourly by the platform's cleanup job in every database through the system door. */
export interface Cleanup {
  /** The key its count is logged under, e.g. 'refreshTokens'; unique across the installation. */
  name: string;
  /** Deletes this kind's rows past retention, for every organization; answers how many went. */
  run(tx: Tx): Promise<number>;
}

export interface ModuleManifest {
  /** The module's folder under src/modules, e.g. 'warehouse'. */
  name: string;
  /** The SQL names of the tables it owns: only its own code names them (exactly its tables.ts). */
  tables: readonly string[];
  /** Its Fastify plugins, registered in the manifests' order. */
  routes: readonly FastifyPluginAsync[];
  /** Its queues and cron schedules (UTC), given the running platform. */
  jobs?: (platform: Platform) => JobDefinition[];
  /** Its retention deletes. */
  cleanups?: readonly Cleanup[];
  /** The declared read contract: which of its tables each reporting module may name in its SQL. */
  readableBy?: Partial<Record<ReportingModule, readonly string[]>>;
}

/** The platform's own tables, and which module may read which of them (the platform is no module, so any module may be named). */
export interface PlatformTables {
  tables: readonly string[];
  readableBy: Partial<Record<string, readonly string[]>>;
}

export const platformTables: PlatformTables = {
  tables: ['events', 'webhook_endpoints', 'webhook_deliveries', 'audit_log', 'idempotency_keys', 'org_counters', 'schema_migrations', 'tenant_directory', 'user_directory', 'tenant_fences'],
  readableBy: {
    // The audit trail stays the platform's: its rows are written by the mp_audit_row trigger the
    // platform installs on every tenant table (migrations/0001_platform.sql), whatever module owns
    // the audited row. Settings only shows it to the organization's admins (GET /audit).
    settings: ['audit_log'],
  },
};

/** The manifests' routes, in the manifests' (dependency) order. */
export function routesOf(manifests: readonly ModuleManifest[]): FastifyPluginAsync[] {
  return manifests.flatMap((manifest) => manifest.routes);
}

/** The manifests' jobs for this platform. */
export function jobsOf(manifests: readonly ModuleManifest[], platform: Platform): JobDefinition[] {
  return manifests.flatMap((manifest) => manifest.jobs?.(platform) ?? []);
}

/** The manifests' clean-ups (the hourly cleanup job refuses two of one name). */
export function cleanupsOf(manifests: readonly ModuleManifest[]): Cleanup[] {
  return manifests.flatMap((manifest) => manifest.cleanups ?? []);
}
