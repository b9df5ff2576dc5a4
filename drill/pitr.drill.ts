import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../src/platform/db/database.js';
import { receivePlates } from '../test/factories/inventory.js';
import { buildOrganizationStory, storyAnswers, type OrganizationStory } from '../test/factories/organization-story.js';
import { canRunPgbackrest, createBackupRepository, type BackupRepository } from '../test/pgbackrest.js';
import { canStartPostgres, startPostgres, type PostgresServer } from '../test/postgres-server.js';
import { archiveCurrentWal, checksumsOfEveryOrganization, npm, serverOn } from './helpers.js';
import { restoreToTime } from '../test/pgbackrest-restore.js';

// `npm run drill:pitr`: point-in-time recovery with pgBackRest, configured by
// ops/pgbackrest/pgbackrest.conf. A full backup of a fresh primary that archives its WAL; two
// organizations built through the API; every table of every organization checksummed at a time
// T; then damage (one organization's plates deleted, a table dropped); a restore to T into a new
// data directory; the server started on it; every checksum compared. Printed: how long the
// restore took and how much WAL it replayed.

const PLATES = Number(process.env.DRILL_PITR_PLATES ?? 200);
const STANZA = 'main';

const describeWithTools = canStartPostgres() && canRunPgbackrest() ? describe : describe.skip;
let repository: BackupRepository;
let primary: PostgresServer;
let restored: PostgresServer | undefined;
let tenant: PostgresServer | undefined;
let tenantRestored: PostgresServer | undefined;

describeWithTools('point-in-time recovery with pgBackRest', () => {
  beforeAll(async () => {
    repository = createBackupRepository();
    primary = await startPostgres(repository.archiveSettings(STANZA));
    repository.addStanza(STANZA, primary);
    await repository.run([`--stanza=${STANZA}`, 'stanza-create']);
    await repository.run([`--stanza=${STANZA}`, 'check']);
  });
  afterAll(async () => {
    await tenantRestored?.destroy();
    await tenant?.destroy();
    await restored?.destroy();
    await primary?.destroy();
    repository?.destroy();
  });

  it('restores every organization exactly as it was at T, after its plates were deleted and a table dropped', async () => {
    const server = await serverOn(primary);
    await repository.run([`--stanza=${STANZA}`, '--type=full', 'backup']);
    const stories = [await buildOrganizationStory(server), await buildOrganizationStory(server)];
    for (const story of stories) {
      // A receipt takes at most 1,000 plates.
      for (let left = PLATES; left > 0; left -= 500) await receivePlates(story.world, { productId: story.world.products.flour, qty: 25, count: Math.min(left, 500), lot: `PITR-${left}` });
    }
    const answersAtT = await storyAnswers(stories[0]!.world.api, stories[0]!);
    await server.stop();

    const database = openPostgres(primary.url(), 2);
    const atT = await checksumsOfEveryOrganization(database);
    const target = await timeAfterLastCommit(database);
    await damage(database, stories[0]!);
    await archiveCurrentWal(database);
    expect(await checksumsOfEveryOrganization(database).catch(() => null)).not.toEqual(atT);
    await database.close();

    const restore = await restoreToTime(repository, STANZA, target);
    restored = restore.server;
    const after = await serverOn(restored);
    try {
      expect((await after.request({ method: 'GET', url: '/api/health' })).status).toBe(200);
      const restoredDb = openPostgres(restored.url(), 2);
      expect(await checksumsOfEveryOrganization(restoredDb)).toEqual(atT);
      await restoredDb.close();
      expect(await storyAnswers(after.as(stories[0]!.world.admin.accessToken), stories[0]!)).toEqual(answersAtT);
    } finally {
      await after.stop();
    }
    const tables = Object.values(atT)[0]!.length;
    const rows = Object.values(atT).flat().reduce((sum, table) => sum + table.rows, 0);
    console.warn(
      `\nPITR drill: ${Object.keys(atT).length} organizations, ${tables} tables each, ${rows} rows compared: equal\n` +
        `restore to T (${target}): ${restore.restoreSeconds.toFixed(1)} s to copy the backup, ${restore.recoverySeconds.toFixed(1)} s to replay ${(restore.walReplayedBytes / 1048576).toFixed(1)} MB of WAL (${restore.totalSeconds.toFixed(1)} s in all)\n`,
    );
  });

  it('backs up a dedicated tenant database under its own stanza and recovery window, and restores it', async () => {
    tenant = await startPostgres({ wal_level: 'logical' });
    const env = { DATABASE_URL: primary.url(), TENANT_DATABASES: JSON.stringify({ acme: tenant.url() }) };
    const written = JSON.parse(
      await npm(['run', '--silent', 'tenant', '--', 'pitr-stanza', 'acme', '--pg-path', join(tenant.dataDir, 'data'), '--pg-socket-path', tenant.dataDir, '--retention-days', '30', '--config-path', repository.dir, '--apply'], env),
    ) as { stanza: string; restartNeeded: boolean };
    expect(written).toMatchObject({ stanza: 'tenant-acme', restartNeeded: true });
    await tenant.stop();
    await tenant.start();
    await repository.run(['--stanza=tenant-acme', 'stanza-create']);
    await repository.run(['--stanza=tenant-acme', '--type=full', 'backup']);
    await npm(['run', '--silent', 'demo', '--', '--database', 'acme'], env);

    const database = openPostgres(tenant.url(), 2);
    const before = await checksumsOfEveryOrganization(database);
    await archiveCurrentWal(database);
    await database.close();
    expect(Object.keys(before)).toHaveLength(1);
    const restore = await restoreToTime(repository, 'tenant-acme');
    tenantRestored = restore.server;
    const restoredDb = openPostgres(tenantRestored.url(), 2);
    expect(await checksumsOfEveryOrganization(restoredDb)).toEqual(before);
    await restoredDb.close();

    const info = await repository.info('tenant-acme');
    expect(info.backup.map((backup) => backup.type)).toEqual(['full']);
    expect(await retentionOf('tenant-acme')).toBe('30');
    expect(await retentionOf(STANZA)).toBe('7');
    console.warn(`dedicated database "acme": stanza tenant-acme, 30 days; restored to the end of its archive in ${restore.totalSeconds.toFixed(1)} s, ${(restore.walReplayedBytes / 1048576).toFixed(1)} MB of WAL`);
  });
});

/** The recovery window pgBackRest resolves for a stanza (from the global section or the stanza's own file). */
async function retentionOf(stanza: string): Promise<string | undefined> {
  const help = await repository.run([`--stanza=${stanza}`, 'help', 'backup', 'repo-retention-full']);
  return /current: (\S+)/.exec(help)?.[1];
}

/** A moment after the last commit and before anything that follows (the target of the restore). */
async function timeAfterLastCommit(database: Database): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const [row] = await database.withSession((session) => session.query<{ at: string }>("select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00' as at"));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return row!.at;
}

/** What an operator's mistake does: one organization's plates deleted, a table dropped. */
async function damage(database: Database, story: OrganizationStory): Promise<void> {
  await database.withSession(async (session) => {
    await session.query('begin');
    // Past the foreign keys and the append-only triggers, as a careless superuser would go.
    await session.query('set local session_replication_role = replica');
    await session.query('delete from license_plates where org_id = $1', [story.world.admin.orgId]);
    await session.query('commit');
    await session.query('drop table stock_moves cascade');
  });
}
