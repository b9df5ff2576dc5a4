import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * PGlite's defaults trade durability for speed, twice over:
 * - it starts Postgres with `-F` (fsync=off);
 * - on Node its files live on Emscripten's NODEFS, whose streams have no fsync: Postgres's
 *   fsync() reaches WASI fd_sync, which finds nothing to call and reports success, and
 *   fdatasync() is a stub that does nothing at all.
 * So an acknowledged commit sits in the operating system's page cache, and a power cut can
 * lose it or leave the data files torn. Here Postgres runs with fsync on and syncs its WAL
 * with fsync() (never fdatasync), and NODEFS's streams get an fsync that calls fs.fsyncSync:
 * every commit, checkpoint and durable rename reaches the disk before it is answered.
 */

/** PGlite's own start parameters without -F, and the settings durability rests on, spelled out. */
export const durableStartParams: string[] = [
  ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
  ...['-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on', '-c', 'wal_sync_method=fsync'],
];

/** WASI's EIO: what Postgres sees when the disk refuses a sync (it then stops rather than lie). */
const WASI_EIO = 29;

interface NodefsStream {
  nfd: number;
}

type EmscriptenOptions = Parameters<NodeFS['init']>[1];
type PostgresModule = Parameters<NonNullable<EmscriptenOptions['preRun']>[number]>[0];

/** NodeFS whose streams sync to the disk when Postgres asks them to. */
export class DurableNodeFS extends NodeFS {
  /** Whether Postgres's fsync calls reach fs.fsyncSync; false if PGlite's internals moved under us. */
  isFsyncWired = false;

  override async init(...args: Parameters<NodeFS['init']>): Promise<{ emscriptenOpts: EmscriptenOptions }> {
    const { emscriptenOpts } = await super.init(...args);
    const wireFsync = (mod: PostgresModule) => {
      const streamOps = (mod.NODEFS as unknown as { stream_ops?: Record<string, unknown> }).stream_ops;
      if (!streamOps) return;
      streamOps.fsync = (stream: NodefsStream) => {
        try {
          fs.fsyncSync(stream.nfd);
          return 0;
        } catch {
          return WASI_EIO;
        }
      };
      this.isFsyncWired = true;
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), wireFsync] } };
  }
}

export interface Durability {
  isDurable: boolean;
  /** What was found, e.g. "fsync=on, synchronous_commit=on, ...", and why it is not durable if so. */
  detail: string;
}

/** The settings a commit's durability depends on, as the server reports them. */
export const DURABILITY_SETTINGS = ['fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method'] as const;
export type DurabilitySettings = Partial<Record<(typeof DURABILITY_SETTINGS)[number], string>>;

const describeSettings = (settings: DurabilitySettings) => DURABILITY_SETTINGS.map((name) => `${name}=${settings[name] ?? 'unknown'}`).join(', ');

/** PGlite on disk: durable only as started here, with the fsync wired to the disk. */
export function judgePgliteDurability(settings: DurabilitySettings, isFsyncWired: boolean): Durability {
  const found = describeSettings(settings);
  const problems = [
    ...(settings.fsync === 'on' && settings.synchronous_commit === 'on' && settings.full_page_writes === 'on' ? [] : ['commits are not synced']),
    // fdatasync and the other methods do nothing in PGlite's file system: only fsync reaches the disk.
    ...(settings.wal_sync_method === 'fsync' ? [] : ['PGlite cannot sync the WAL with this method']),
    ...(isFsyncWired ? [] : ["PGlite's file system ignores fsync"]),
  ];
  return problems.length === 0
    ? { isDurable: true, detail: `${found}; fsync reaches the disk` }
    : { isDurable: false, detail: `not durable: ${problems.join('; ')} (${found})` };
}

/**
 * A PostgreSQL server: durable while it fsyncs and waits for the WAL flush before answering a
 * commit (synchronous_commit local, on, remote_write or remote_apply; off answers first).
 */
export function judgeServerDurability(settings: DurabilitySettings): Durability {
  const found = describeSettings(settings);
  const problems = [
    ...(settings.fsync === 'on' ? [] : ['fsync is off: a crash of the machine can corrupt the database']),
    ...(settings.synchronous_commit === 'off' ? ['synchronous_commit is off: a crash can lose the last acknowledged commits'] : []),
  ];
  return problems.length === 0 ? { isDurable: true, detail: found } : { isDurable: false, detail: `not durable: ${problems.join('; ')} (${found})` };
}
