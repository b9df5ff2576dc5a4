import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listAccountEmails } from '../../modules/settings/index.js';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { backupsCommand } from '../../cli/tenant/backups.js';
import { createTestDatabase } from '../../../test/database.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';
import { SHARED_DATABASE } from '../db/directory.js';
import type { Job } from '../jobs/index.js';
import { backupFileName, isBackupDue, organizationBackupJob, listBackups, readBackupPolicy, runDueBackups, setBackupPolicy } from './backups.js';
import { importOrganization } from './import.js';
import type { Operator } from './operator.js';

const hours = (n: number) => n * 3_600_000;

describe('backups per organization', () => {
  let server: TestServer;
  let backedUp: Session;
  let other: Session;
  const directory = mkdtempSync(join(tmpdir(), 'mp-backups-test-'));
  const start = new Date('2026-03-01T02:41:00.000Z');
  const at = (offsetHours: number) => new Date(start.getTime() + hours(offsetHours));

  beforeAll(async () => {
    server = await startTestServer({ BACKUP_DIR: directory });
    backedUp = await server.signup();
    other = await server.signup();
    expect((await server.as(backedUp.accessToken).post('/api/v1/products', { code: 'B-1', name: 'Backed up', type: 'raw', uom: 'kg' })).status).toBe(201);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is due when there is none yet or the newest is a period old (less a few minutes of the schedule)', () => {
    expect(isBackupDue('daily', null, start)).toBe(true);
    expect(isBackupDue('daily', start, at(23))).toBe(false);
    expect(isBackupDue('daily', start, new Date(at(24).getTime() - 5 * 60_000))).toBe(true);
    expect(isBackupDue('hourly', start, at(0.5))).toBe(false);
    expect(isBackupDue('weekly', start, at(6 * 24))).toBe(false);
    expect(isBackupDue('weekly', start, at(7 * 24))).toBe(true);
  });

  it('takes the due backups (the work of the job, at given times), keeps the newest `keep` and each one imports', async () => {
    await setBackupPolicy(server.platform.db, backedUp.orgId, { every: 'daily', keep: 2 });
    expect(await readBackupPolicy(server.platform.db, backedUp.orgId)).toEqual({ every: 'daily', keep: 2 });
    expect(await runDueBackups(server.platform, at(0))).toEqual([join(directory, backedUp.orgId, backupFileName(at(0)))]);
    expect(await runDueBackups(server.platform, at(1))).toEqual([]);
    await runDueBackups(server.platform, at(24));
    await runDueBackups(server.platform, at(48));
    const backups = await listBackups(directory, backedUp.orgId);
    expect(backups.map((backup) => backup.file)).toEqual([24, 48].map((offset) => join(directory, backedUp.orgId, backupFileName(at(offset)))));
    expect(backups.every((backup) => backup.bytes > 0 && backup.rows > 3)).toBe(true);
    // An organization without a policy has none.
    expect(existsSync(join(directory, other.orgId))).toBe(false);
    const target = await createTestDatabase({ serverUrl: inject('serverUrl'), template: inject('template'), pgliteDump: inject('pgliteDump') });
    try {
      const restored = await importOrganization({ shared: target.db, target: target.db, targetName: SHARED_DATABASE, accountEmails: listAccountEmails }, backups[1]!.file);
      expect(restored).toMatchObject({ orgId: backedUp.orgId, rows: backups[1]!.rows });
    } finally {
      await target.drop();
    }
  });

  it('runs as the scheduled job: its work backs up what is due now', async () => {
    await setBackupPolicy(server.platform.db, other.orgId, { every: 'hourly', keep: 1 });
    try {
      await organizationBackupJob(server.platform).work({ id: 'test', name: 'organization-backups', data: {} } as Job);
      expect(await listBackups(directory, other.orgId)).toHaveLength(1);
      await organizationBackupJob(server.platform).work({ id: 'test', name: 'organization-backups', data: {} } as Job);
      expect(await listBackups(directory, other.orgId)).toHaveLength(1);
    } finally {
      await setBackupPolicy(server.platform.db, other.orgId, { every: null, keep: null });
    }
  });

  it('sets, shows and clears the policy from the command line', async () => {
    const operator = { shared: server.platform.db, config: server.platform.config } as Operator;
    const printed = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await backupsCommand.run(operator, [other.orgId, '--every', 'weekly', '--keep', '14'])).toBe(0);
      expect(JSON.parse(String(printed.mock.calls[0]![0]))).toEqual({ orgId: other.orgId, policy: { every: 'weekly', keep: 14 }, directory });
      await expect(backupsCommand.run(operator, [other.orgId, '--every', 'monthly', '--keep', '3'])).rejects.toThrow(/--every must be one of/);
      await expect(backupsCommand.run(operator, [other.orgId, '--every', 'daily', '--keep', '0'])).rejects.toThrow(/--keep must be/);
      expect(await readBackupPolicy(server.platform.db, other.orgId)).toEqual({ every: 'weekly', keep: 14 });
      await backupsCommand.run(operator, [other.orgId, '--every', 'none']);
      expect(await readBackupPolicy(server.platform.db, other.orgId)).toEqual({ every: null, keep: null });
      printed.mockClear();
      await backupsCommand.run(operator, [backedUp.orgId]);
      const lines = printed.mock.calls.map((call) => JSON.parse(String(call[0])));
      expect(lines[0]).toMatchObject({ policy: { every: 'daily', keep: 2 } });
      expect(lines.slice(1).map((line) => Object.keys(line))).toEqual([
        ['file', 'takenAt', 'bytes', 'rows'],
        ['file', 'takenAt', 'bytes', 'rows'],
      ]);
    } finally {
      printed.mockRestore();
    }
  });
});
