import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The embedded database's data directory holds everything (password hashes and webhook
 * secrets in the WAL and the tables, the generated JWT secret beside them): no other local
 * user may read or change any of it. main.ts sets umask 077 so whatever is created from then
 * on is owner-only; this fixes what was there before.
 */

const OWNER_ONLY_DIR = 0o700;
const OWNER_ONLY_FILE = 0o600;

/**
 * Creates dir owner-only if it is missing; otherwise makes it and everything under it
 * owner-only, with one warning saying how many files and folders were open to others.
 * Answers that number.
 */
export function secureDataDir(dir: string, log: { warn(details: object, message: string): void }): number {
  mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
  const tightened = tightenModes(dir);
  if (tightened > 0) {
    log.warn(
      { dataDir: dir, tightened },
      `data directory was open to other local users: made ${tightened} files and folders owner-only (0700 folders, 0600 files)`,
    );
  }
  return tightened;
}

/**
 * Takes the group and other bits off dir and everything under it; answers how many entries
 * changed. Symbolic links are neither followed nor changed: what they point to is not ours.
 */
export function tightenModes(dir: string): number {
  let tightened = 0;
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    const mode = stat.mode & 0o777;
    const wanted = stat.isDirectory() ? OWNER_ONLY_DIR : OWNER_ONLY_FILE;
    if (mode !== wanted && (mode & 0o077) !== 0) {
      chmodSync(path, wanted);
      tightened++;
    }
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(dir);
  return tightened;
}

/**
 * fsyncs every file and folder under dir. PGlite unpacks a new database's files without
 * syncing them (as initdb --no-sync would); Postgres's own initdb syncs them once at the end,
 * so a power cut soon after the first start cannot lose the catalogs. A few at a time, to
 * stay well under the open-files limit.
 */
export async function syncDataDir(dir: string): Promise<void> {
  const paths: string[] = [];
  const collect = async (path: string) => {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      if (entry.isDirectory()) await collect(join(path, entry.name));
      else if (entry.isFile()) paths.push(join(path, entry.name));
    }
    // A folder after its entries: its own sync makes their names durable.
    paths.push(path);
  };
  await collect(dir);
  const sync = async (path: string) => {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < paths.length) await sync(paths[next++]!);
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}
