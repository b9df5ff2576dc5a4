import pg from 'pg';

/**
 * How far a standby is behind its primary, read from both (the operator's `npm run standby --
 * status`). Made for the cross-region standby that replays only from the backup repository's
 * WAL archive, where lag comes in steps of a WAL segment (archive_timeout bounds it), and
 * also right for a streaming one.
 */
export interface StandbyStatus {
  /** 'archive' when no WAL receiver runs (fed by restore_command alone), else 'stream'. */
  feed: 'archive' | 'stream';
  primaryLsn: string;
  replayedLsn: string;
  bytesBehind: number;
  /** The newest commit the standby has replayed. */
  lastReplayedCommitAt: string | null;
  /** How old its data may be: since that commit, or 0 when it has everything the primary wrote. */
  secondsBehind: number;
  /** The primary's archiver: the newest segment in the repository and when it got there. */
  lastArchivedWal: string | null;
  lastArchivedAt: string | null;
  failedArchives: number;
}

async function queryOne<T extends pg.QueryResultRow>(url: string, text: string): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows[0]!;
  } finally {
    await client.end();
  }
}

export async function readStandbyStatus(primaryUrl: string, standbyUrl: string): Promise<StandbyStatus> {
  const standby = await queryOne<{ in_recovery: boolean; replayed: string | null; replayed_at: Date | null; receivers: number }>(
    standbyUrl,
    'select pg_is_in_recovery() as in_recovery, pg_last_wal_replay_lsn()::text as replayed, pg_last_xact_replay_timestamp() as replayed_at, (select count(*)::int from pg_stat_wal_receiver) as receivers',
  );
  if (!standby.in_recovery || !standby.replayed) throw new Error('the standby is not in recovery (promoted already, or not a standby)');
  const primary = await queryOne<{ lsn: string; behind: string; now: Date; archived: string | null; archived_at: Date | null; failed: number }>(
    primaryUrl,
    `select pg_current_wal_lsn()::text as lsn, greatest(pg_wal_lsn_diff(pg_current_wal_lsn(), '${standby.replayed}'), 0)::text as behind, now() as now,
            last_archived_wal as archived, last_archived_time as archived_at, failed_count::int as failed from pg_stat_archiver`,
  );
  const bytesBehind = Number(primary.behind);
  const secondsBehind = bytesBehind === 0 || !standby.replayed_at ? 0 : Math.max(0, (primary.now.getTime() - standby.replayed_at.getTime()) / 1000);
  return {
    feed: standby.receivers > 0 ? 'stream' : 'archive',
    primaryLsn: primary.lsn,
    replayedLsn: standby.replayed,
    bytesBehind,
    lastReplayedCommitAt: standby.replayed_at?.toISOString() ?? null,
    secondsBehind: Math.round(secondsBehind * 10) / 10,
    lastArchivedWal: primary.archived,
    lastArchivedAt: primary.archived_at?.toISOString() ?? null,
    failedArchives: primary.failed,
  };
}

/** Ends the standby's recovery (it becomes a primary) and waits for it; answers the seconds taken. */
export async function promoteStandby(standbyUrl: string): Promise<number> {
  const started = performance.now();
  const { promoted } = await queryOne<{ promoted: boolean }>(standbyUrl, 'select pg_promote(true, 60) as promoted');
  if (!promoted) throw new Error('the standby did not finish promoting within 60 s');
  return (performance.now() - started) / 1000;
}
