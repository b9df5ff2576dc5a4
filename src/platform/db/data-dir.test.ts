import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { secureDataDir } from './data-dir.js';
import { openPglite } from './database.js';

// The data directory holds password hashes and webhook secrets (in the WAL and the tables):
// no other local user may read or change it. An existing directory with looser modes is
// made owner-only at start-up, with one warning that says so.

const modeOf = (path: string) => lstatSync(path).mode & 0o777;

/** Every path under dir (dir included), with its permission bits. */
function modesUnder(dir: string): Record<string, number> {
  const modes: Record<string, number> = { '.': modeOf(dir) };
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) modes[entry] = modeOf(join(dir, entry));
  return modes;
}

function looseDataDir(): { dir: string; outside: string } {
  const root = mkdtempSync(join(tmpdir(), 'monopilot-data-dir-'));
  const dir = join(root, 'data');
  mkdirSync(join(dir, 'pg_wal', 'archive_status'), { recursive: true });
  writeFileSync(join(dir, 'pg_wal', '000000010000000000000001'), 'argon2id hashes');
  writeFileSync(join(dir, 'PG_VERSION'), '17');
  writeFileSync(join(dir, 'jwt-secret'), 'secret');
  chmodSync(join(dir, 'jwt-secret'), 0o600);
  chmodSync(dir, 0o755);
  chmodSync(join(dir, 'pg_wal'), 0o777);
  chmodSync(join(dir, 'pg_wal', 'archive_status'), 0o755);
  chmodSync(join(dir, 'pg_wal', '000000010000000000000001'), 0o666);
  chmodSync(join(dir, 'PG_VERSION'), 0o644);
  // A link to a file elsewhere: the file it points to is not ours to change.
  const outside = join(root, 'outside.txt');
  writeFileSync(outside, 'not the database');
  chmodSync(outside, 0o644);
  symlinkSync(outside, join(dir, 'link'));
  return { dir, outside };
}

describe('secureDataDir', () => {
  it('makes every folder 0700 and every file 0600, and says once how many it tightened', () => {
    const { dir, outside } = looseDataDir();
    const log = { warn: vi.fn() };
    expect(secureDataDir(dir, log)).toBe(5);
    const modes = modesUnder(dir);
    delete modes.link;
    expect(modes).toEqual({
      '.': 0o700,
      pg_wal: 0o700,
      'pg_wal/archive_status': 0o700,
      'pg_wal/000000010000000000000001': 0o600,
      PG_VERSION: 0o600,
      'jwt-secret': 0o600,
    });
    expect(modeOf(outside)).toBe(0o644);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0]![0]).toMatchObject({ dataDir: dir, tightened: 5 });
    expect(String(log.warn.mock.calls[0]![1])).toMatch(/5 files and folders/);
  });

  it('leaves an owner-only directory alone, without a warning', () => {
    const { dir } = looseDataDir();
    secureDataDir(dir, { warn: vi.fn() });
    const log = { warn: vi.fn() };
    expect(secureDataDir(dir, log)).toBe(0);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('creates a missing directory owner-only, whatever the umask', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'monopilot-data-dir-')), 'a', 'data');
    const log = { warn: vi.fn() };
    const previous = process.umask(0o022);
    try {
      secureDataDir(dir, log);
    } finally {
      process.umask(previous);
    }
    expect(modeOf(dir)).toBe(0o700);
    expect(log.warn).not.toHaveBeenCalled();
  });
});

describe('the embedded database on disk', () => {
  // Emscripten under PGlite chmods each file it creates to the mode Postgres asked for, so the
  // process umask alone would not keep them owner-only.
  it('writes only owner-only files and folders, whatever the umask, across restarts', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'monopilot-data-dir-')), 'data');
    const previous = process.umask(0o022);
    try {
      for (let start = 0; start < 2; start++) {
        const db = await openPglite({ dataDir: dir });
        await db.withSession((session) => session.exec(`create table if not exists notes (note text); insert into notes values ('x'); checkpoint`));
        await db.close();
      }
    } finally {
      process.umask(previous);
    }
    const openToOthers = Object.entries(modesUnder(dir))
      .filter(([, mode]) => (mode & 0o077) !== 0)
      .map(([path, mode]) => `${path} ${mode.toString(8)}`);
    expect(openToOthers).toEqual([]);
  }, 120_000);
});
