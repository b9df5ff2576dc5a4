/**
 * Whether a commit the database answered survives a power cut, judged from the settings it
 * reports: what /api/health shows as its durability check.
 */

export interface Durability {
  isDurable: boolean;
  /** What was found ("fsync=on, synchronous_commit=on, ..."), and why it is not durable if so. */
  detail: string;
}

/** The settings a commit's durability depends on. */
export const DURABILITY_SETTINGS = ['fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method'] as const;
export type DurabilitySettings = Partial<Record<(typeof DURABILITY_SETTINGS)[number], string>>;

const describe = (settings: DurabilitySettings) => DURABILITY_SETTINGS.map((name) => `${name}=${settings[name] ?? 'unknown'}`).join(', ');

const judged = (settings: DurabilitySettings, problems: string[], promise = ''): Durability =>
  problems.length === 0
    ? { isDurable: true, detail: `${describe(settings)}${promise}` }
    : { isDurable: false, detail: `not durable: ${problems.join('; ')} (${describe(settings)})` };

/** PGlite on disk: durable only as openPglite starts it, with NODEFS's fsync wired to the disk. */
export function judgePgliteDurability(settings: DurabilitySettings, isFsyncWired: boolean): Durability {
  const isSynced = settings.fsync === 'on' && settings.synchronous_commit === 'on' && settings.full_page_writes === 'on';
  return judged(
    settings,
    [
      ...(isSynced ? [] : ['commits are not synced to the disk']),
      // fdatasync and the open_* methods do nothing on PGlite's file system: only fsync reaches the disk.
      ...(settings.wal_sync_method === 'fsync' ? [] : ['PGlite cannot sync the WAL with this method']),
      ...(isFsyncWired ? [] : ["PGlite's file system ignores fsync"]),
    ],
    '; fsync reaches the disk',
  );
}

/**
 * A PostgreSQL server: durable while it fsyncs, and waits for the WAL flush before answering
 * a commit (synchronous_commit local, on, remote_write or remote_apply; off answers first).
 */
export function judgeServerDurability(settings: DurabilitySettings): Durability {
  return judged(settings, [
    ...(settings.fsync === 'on' ? [] : ['fsync is off: a crash of the machine can corrupt the database']),
    ...(settings.synchronous_commit === 'off' ? ['synchronous_commit is off: a crash can lose the last acknowledged commits'] : []),
  ]);
}
