import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * PGlite on Node keeps its files on Emscripten's NODEFS, which falls short of what a
 * database on disk must promise, in two ways this file corrects:
 * - Modes: Emscripten emulates its own umask (022) and chmods every file it creates to the
 *   mode Postgres asked for, so the process umask never applies: relcache files and the like
 *   come out 0644. Here every mode NODEFS sets is owner-only.
 * - Durability: PGlite starts Postgres with -F (fsync=off), and NODEFS's streams have no
 *   fsync: Postgres's fsync() reaches WASI fd_sync, which finds nothing to call and reports
 *   success; fdatasync() is a stub that does nothing. An acknowledged commit then sits in the
 *   page cache, and a power cut can lose it or tear the data files. Here Postgres runs with
 *   fsync on and syncs its WAL with fsync() (never fdatasync), and NODEFS's streams get an
 *   fsync that calls fs.fsyncSync: every commit, checkpoint and durable rename reaches the
 *   disk before it is answered.
 */

/** PGlite's own start parameters without -F, and the settings durability rests on, spelled out. */
export const durableStartParams: string[] = [
  ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
  ...['-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on', '-c', 'wal_sync_method=fsync'],
];

/** WASI's EIO: what Postgres sees when the disk refuses a sync (it then stops rather than lie). */
const WASI_EIO = 29;

const ownerOnly = (mode: number) => mode & ~0o077;

type EmscriptenOptions = Parameters<NodeFS['init']>[1];
type PostgresModule = Parameters<NonNullable<EmscriptenOptions['preRun']>[number]>[0];
type Operation = (...args: never[]) => unknown;

/** The parts of Emscripten's NODEFS changed here. */
interface Nodefs {
  node_ops?: { mknod?: Operation; setattr?: Operation };
  stream_ops?: { setattr?: Operation; fsync?: (stream: { nfd: number }) => number };
}

/** NodeFS whose files are owner-only, and (with fsync) whose streams sync to the disk when Postgres asks. */
export class PgliteNodeFS extends NodeFS {
  /** Whether Postgres's fsync calls reach fs.fsyncSync; false if PGlite's internals moved under us. */
  isFsyncWired = false;

  constructor(
    dataDir: string,
    private readonly options: { fsync: boolean },
  ) {
    super(dataDir);
  }

  override async init(...args: Parameters<NodeFS['init']>): Promise<{ emscriptenOpts: EmscriptenOptions }> {
    const { emscriptenOpts } = await super.init(...args);
    const patch = (mod: PostgresModule) => {
      const nodefs = mod.NODEFS as unknown as Nodefs | undefined;
      // Without NODEFS there is nothing to wire; isFsyncWired stays false and health says so.
      if (!nodefs) return;
      keepModesOwnerOnly(nodefs);
      if (this.options.fsync) this.isFsyncWired = wireFsync(nodefs);
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), patch] } };
  }
}

/** mknod(parent, name, mode, dev) and setattr(node or stream, { mode? }) get owner-only modes. */
function keepModesOwnerOnly(nodefs: Nodefs): void {
  const { node_ops: nodeOps, stream_ops: streamOps } = nodefs;
  const mknod = nodeOps?.mknod as ((parent: unknown, name: string, mode: number, dev: number) => unknown) | undefined;
  if (nodeOps && mknod) nodeOps.mknod = ((parent: unknown, name: string, mode: number, dev: number) => mknod(parent, name, ownerOnly(mode), dev)) as Operation;
  for (const ops of [nodeOps, streamOps]) {
    const setattr = ops?.setattr as ((target: unknown, attr: { mode?: number }) => unknown) | undefined;
    if (!ops || !setattr) continue;
    ops.setattr = ((target: unknown, attr: { mode?: number }) =>
      setattr(target, attr.mode === undefined || attr.mode === null ? attr : { ...attr, mode: ownerOnly(attr.mode) })) as Operation;
  }
}

function wireFsync(nodefs: Nodefs): boolean {
  if (!nodefs.stream_ops) return false;
  nodefs.stream_ops.fsync = (stream) => {
    try {
      fs.fsyncSync(stream.nfd);
      return 0;
    } catch {
      return WASI_EIO;
    }
  };
  return true;
}
