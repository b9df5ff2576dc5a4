import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../src/platform/db/database.js';
import { readStandbyStatus, type StandbyStatus } from '../src/platform/db/standby-status.js';
import { receivePlates } from '../test/factories/inventory.js';
import { buildOrganizationStory } from '../test/factories/organization-story.js';
import { restoreStandby, waitUntil } from '../test/pgbackrest-restore.js';
import { canRunPgbackrest, createBackupRepository, type BackupRepository } from '../test/pgbackrest.js';
import { canStartPostgres, startPostgres, type PostgresServer } from '../test/postgres-server.js';
import { archiveCurrentWal, checksumsOfEveryOrganization, npm, serverOn } from './helpers.js';

// `npm run drill:standby`: a standby in "another region" that has no connection to the primary
// at all: restored from the pgBackRest repository and fed only by its WAL archive
// (restore_command), as a standby beside an object store in another region would be. Under a
// load of receipts its lag is read with `npm run standby -- status`; then the primary's region
// is lost (the primary stopped dead), the standby is promoted with `npm run standby --
// promote`, the server starts on it, every organization's checksums equal the primary's at its
// last archived segment, and it takes writes.

const LOAD_SECONDS = Number(process.env.DRILL_STANDBY_LOAD_SECONDS ?? 8);
const STANZA = 'main';

const describeWithTools = canStartPostgres() && canRunPgbackrest() ? describe : describe.skip;
let repository: BackupRepository;
let primary: PostgresServer;
let standby: PostgresServer | undefined;

describeWithTools('a standby in another region, fed only from the backup archive', () => {
  beforeAll(async () => {
    repository = createBackupRepository();
    // archive_timeout bounds the standby's lag on a quiet primary (a minute in ops/pgbackrest).
    primary = await startPostgres({ ...repository.archiveSettings(STANZA), archive_timeout: '2' });
    repository.addStanza(STANZA, primary);
    await repository.run([`--stanza=${STANZA}`, 'stanza-create']);
    await repository.run([`--stanza=${STANZA}`, '--type=full', 'backup']);
  });
  afterAll(async () => {
    await standby?.destroy();
    await primary?.destroy();
    repository?.destroy();
  });

  it('shows its lag, and once promoted serves every organization as the archive had it', async () => {
    const server = await serverOn(primary);
    const story = await buildOrganizationStory(server);
    standby = await restoreStandby(repository, STANZA, { wal_retrieve_retry_interval: '500ms' });
    await waitUntil(standby, 'select pg_last_wal_replay_lsn() is not null as done');

    const samples: StandbyStatus[] = [];
    const loadEnds = Date.now() + LOAD_SECONDS * 1000;
    const sampling = (async () => {
      while (Date.now() < loadEnds) {
        samples.push(await readStandbyStatus(primary.url(), standby!.url()));
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    let receipts = 0;
    while (Date.now() < loadEnds) receipts += (await receivePlates(story.world, { productId: story.world.products.sugar, qty: 5, count: 5, lot: `S-${receipts}` })).length;
    await sampling;
    await server.stop();
    const shown = JSON.parse(await npm(['run', '--silent', 'standby', '--', 'status', '--primary', primary.url(), '--standby', standby.url()], {})) as StandbyStatus;
    expect(shown.feed).toBe('archive');
    expect(samples.every((sample) => sample.feed === 'archive')).toBe(true);
    expect(Math.max(...samples.map((sample) => sample.bytesBehind))).toBeGreaterThan(0);

    const database = openPostgres(primary.url(), 2);
    const atLastSegment = await checksumsOfEveryOrganization(database);
    const switched = performance.now();
    const [end] = await database.withSession((session) => session.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn'));
    await archiveCurrentWal(database);
    await database.close();
    await waitUntil(standby, `select pg_last_wal_replay_lsn() >= '${end!.lsn}' as done`);
    const caughtUpSeconds = (performance.now() - switched) / 1000;

    await primary.stop('immediate');
    const promoted = JSON.parse(await npm(['run', '--silent', 'standby', '--', 'promote', '--standby', standby.url()], {})) as { seconds: number };
    const after = await serverOn(standby);
    try {
      expect((await after.request({ method: 'GET', url: '/api/health' })).status).toBe(200);
      const promotedDb = openPostgres(standby.url(), 2);
      expect(await checksumsOfEveryOrganization(promotedDb)).toEqual(atLastSegment);
      await promotedDb.close();
      const written = await after.as(story.world.admin.accessToken).post(`/api/v1/license-plates/${story.flourPlateId}/adjust`, { qty: 1, reason: 'counted after the failover' });
      expect(written.status).toBe(200);
    } finally {
      await after.stop();
    }
    const worst = samples.reduce((max, sample) => (sample.secondsBehind > max.secondsBehind ? sample : max), samples[0]!);
    console.warn(
      `\nstandby drill: ${receipts} plates received in ${LOAD_SECONDS} s; lag read ${samples.length} times, at most ${worst.secondsBehind} s (${(worst.bytesBehind / 1024).toFixed(0)} kB) behind; ` +
        `caught up ${caughtUpSeconds.toFixed(1)} s after the last segment was closed; promoted in ${promoted.seconds} s; data equal, writes taken\n`,
    );
  });
});
