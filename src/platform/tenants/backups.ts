import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { eq, isNotNull } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Platform } from '../context.js';
import type { Database } from '../db/database.js';
import { tenantDirectory } from '../db/tables.js';
import { withSystem } from '../db/tenancy.js';
import type { JobDefinition } from '../jobs/index.js';
import { EXPORT_FILE_SUFFIX, totalRows } from './export-format.js';
import { exportOrganizationToFile } from './export.js';
import { readExportHeader } from './import.js';
import { OperatorError } from './operator.js';

/**
 * Each organization's own backups (tenant_directory.backup_every/backup_keep): its export,
 * taken on schedule into BACKUP_DIR/<orgId>/<UTC timestamp>.mpx.gz, the oldest pruned beyond
 * what it keeps. A restore is an import of one of them (docs/tenant-export.md).
 */
export const backupSchedules = ['hourly', 'daily', 'weekly'] as const;
export type BackupEvery = (typeof backupSchedules)[number];

export interface BackupPolicy {
  every: BackupEvery | null;
  keep: number | null;
}

export interface BackupListing {
  file: string;
  takenAt: string;
  bytes: number;
  rows: number;
}

const HOUR_MS = 3_600_000;
const periodMs: Record<BackupEvery, number> = { hourly: HOUR_MS, daily: 24 * HOUR_MS, weekly: 7 * 24 * HOUR_MS };
/** The schedule looks hourly; a backup that took a few minutes must not push the next one an hour later. */
const EARLY_GRACE_MS = 10 * 60_000;

export const backupDirectoryOf = (config: Pick<Config, 'BACKUP_DIR' | 'DATA_DIR'>) => config.BACKUP_DIR ?? join(config.DATA_DIR, 'backups');

/** The organization's policy; an organization the directory does not know is the operator's mistake. */
export async function readBackupPolicy(shared: Database, orgId: string): Promise<BackupPolicy> {
  const [entry] = await withSystem(shared, (tx) =>
    tx.select({ every: tenantDirectory.backupEvery, keep: tenantDirectory.backupKeep }).from(tenantDirectory).where(eq(tenantDirectory.orgId, orgId)),
  );
  if (!entry) throw new OperatorError(`no organization ${orgId} in the directory`);
  return { every: asSchedule(entry.every), keep: entry.keep };
}

/** Sets (or, with every: null, clears) the organization's policy. */
export async function setBackupPolicy(shared: Database, orgId: string, policy: BackupPolicy): Promise<void> {
  const updated = await withSystem(shared, (tx) =>
    tx
      .update(tenantDirectory)
      .set({ backupEvery: policy.every, backupKeep: policy.every ? policy.keep : null })
      .where(eq(tenantDirectory.orgId, orgId))
      .returning({ orgId: tenantDirectory.orgId }),
  );
  if (updated.length === 0) throw new OperatorError(`no organization ${orgId} in the directory`);
}

const asSchedule = (value: string | null): BackupEvery | null => backupSchedules.find((schedule) => schedule === value) ?? null;

/** A backup's file name: its UTC time, so that names sort as the backups were taken. */
export const backupFileName = (takenAt: Date) => `${takenAt.toISOString().replace(/[-:.]/g, '')}${EXPORT_FILE_SUFFIX}`;
const backupNamePattern = /^\d{8}T\d{9}Z\.mpx\.gz$/;

/** The time a backup's file name says it was taken. */
function takenAtOf(name: string): Date {
  const digits = name.slice(0, 19);
  return new Date(`${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}T${digits.slice(9, 11)}:${digits.slice(11, 13)}:${digits.slice(13, 15)}.${digits.slice(15, 18)}Z`);
}

/** The organization's backup files, oldest first (names only). */
async function backupNames(directory: string, orgId: string): Promise<string[]> {
  const names = await readdir(join(directory, orgId)).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  return names.filter((name) => backupNamePattern.test(name)).sort();
}

/** The organization's backups, oldest first, each read for its header (time and rows). */
export async function listBackups(directory: string, orgId: string): Promise<BackupListing[]> {
  const listings: BackupListing[] = [];
  for (const name of await backupNames(directory, orgId)) {
    const file = join(directory, orgId, name);
    const header = await readExportHeader(file);
    listings.push({ file, takenAt: header.exportedAt, bytes: (await stat(file)).size, rows: totalRows(header) });
  }
  return listings;
}

/** Whether a backup is due: none yet, or the newest is (almost) a period old. */
export function isBackupDue(every: BackupEvery, newest: Date | null, now: Date): boolean {
  return newest === null || now.getTime() - newest.getTime() >= periodMs[every] - EARLY_GRACE_MS;
}

/** Takes one backup of the organization now, then prunes the oldest beyond keep. */
export async function takeBackup(database: Database, directory: string, orgId: string, keep: number | null, now = new Date()): Promise<string> {
  const file = join(directory, orgId, backupFileName(now));
  await exportOrganizationToFile(database, orgId, file);
  if (keep !== null) await pruneBackups(directory, orgId, keep);
  return file;
}

/** Deletes the oldest backups beyond the newest `keep`; answers the files deleted. */
export async function pruneBackups(directory: string, orgId: string, keep: number): Promise<string[]> {
  const names = await backupNames(directory, orgId);
  const doomed = names.slice(0, Math.max(0, names.length - keep)).map((name) => join(directory, orgId, name));
  for (const file of doomed) await rm(file, { force: true });
  return doomed;
}

/**
 * Backs up every organization whose policy says one is due, each from the database it lives in.
 * One organization's failure does not hold back the others'; it is reported at the end, so the
 * job's retry takes it again (the others are no longer due then).
 */
export async function runDueBackups(platform: Pick<Platform, 'db' | 'databases' | 'config' | 'log'>, now = new Date()): Promise<string[]> {
  const directory = backupDirectoryOf(platform.config);
  const policies = await withSystem(platform.db, (tx) =>
    tx.select({ orgId: tenantDirectory.orgId, every: tenantDirectory.backupEvery, keep: tenantDirectory.backupKeep }).from(tenantDirectory).where(isNotNull(tenantDirectory.backupEvery)),
  );
  const taken: string[] = [];
  const failed: string[] = [];
  for (const policy of policies) {
    const every = asSchedule(policy.every);
    const newest = (await backupNames(directory, policy.orgId)).at(-1);
    if (!every || !isBackupDue(every, newest ? takenAtOf(newest) : null, now)) continue;
    try {
      taken.push(await takeBackup(platform.databases.databaseFor(policy.orgId), directory, policy.orgId, policy.keep, now));
    } catch (err) {
      platform.log.error({ err, orgId: policy.orgId }, 'organization backup failed');
      failed.push(policy.orgId);
    }
  }
  if (failed.length > 0) throw new Error(`backups failed for ${failed.join(', ')}`);
  return taken;
}

/** The hourly look for due backups (cron in UTC, sent once per cluster by pg-boss). */
export function organizationBackupJob(platform: Platform): JobDefinition {
  return {
    name: 'organization-backups',
    cron: '41 * * * *',
    // An export of a large organization takes a while; one that has hung is retried later.
    queue: { retryLimit: 2, retryDelay: 300, expireInSeconds: 3 * 3600 },
    async work() {
      const taken = await runDueBackups(platform);
      if (taken.length > 0) platform.log.info({ taken }, 'organization backups taken');
    },
  };
}
