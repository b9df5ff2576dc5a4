import fs, { mkdtempSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPglite, type Database } from './database.js';

// The embedded database keeps its promise on a power cut: Postgres runs with fsync on, and
// its fsync calls reach the disk (PGlite's own defaults are fsync=off, and the Emscripten
// file system under it has no fsync at all). An in-memory PGlite promises nothing, and says so.

const settings = (db: Database) =>
  db.withSession((session) =>
    session.query<{ name: string; setting: string }>(
      `select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method') order by name`,
    ),
  );

describe('PGlite on disk', () => {
  let dataDir: string;
  let db: Database;
  beforeAll(async () => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'monopilot-durable-')), 'data');
    db = await openPglite({ dataDir });
  });
  afterAll(() => db?.close());

  it('runs with fsync, synchronous_commit and full_page_writes on, the WAL synced with fsync', async () => {
    expect(await settings(db)).toEqual([
      { name: 'fsync', setting: 'on' },
      { name: 'full_page_writes', setting: 'on' },
      { name: 'synchronous_commit', setting: 'on' },
      { name: 'wal_sync_method', setting: 'fsync' },
    ]);
  });

  it('does not answer a commit before its WAL was fsynced to the disk', async () => {
    await db.withSession((session) => session.exec('create table if not exists kept (note text)'));
    const synced: string[] = [];
    const fsyncSync = fs.fsyncSync;
    const spy = vi.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
      synced.push(readlinkSync(`/proc/self/fd/${fd}`));
      fsyncSync(fd);
    });
    try {
      await db.withSession((session) => session.exec(`insert into kept values ('acknowledged')`));
    } finally {
      spy.mockRestore();
    }
    expect(synced.some((path) => path.startsWith(join(dataDir, 'pg_wal')))).toBe(true);
  });

  it('reports itself durable, naming what it checked', async () => {
    const durability = await db.durability();
    expect(durability.isDurable).toBe(true);
    expect(durability.detail).toMatch(/fsync=on/);
    expect(durability.detail).toMatch(/synchronous_commit=on/);
  });

  it('reopens with every acknowledged commit', async () => {
    await db.close();
    db = await openPglite({ dataDir });
    const rows = await db.withSession((session) => session.query<{ note: string }>('select note from kept'));
    expect(rows).toEqual([{ note: 'acknowledged' }]);
  });
});

describe('PGlite in memory', () => {
  it('reports itself not durable', async () => {
    const db = await openPglite();
    try {
      const durability = await db.durability();
      expect(durability.isDurable).toBe(false);
      expect(durability.detail).toMatch(/in memory/);
    } finally {
      await db.close();
    }
  });
});

describe('PGlite on disk without durability (for measuring its cost only)', () => {
  it('runs with fsync off and says it is not durable', async () => {
    const db = await openPglite({ dataDir: join(mkdtempSync(join(tmpdir(), 'monopilot-relaxed-')), 'data'), durable: false });
    try {
      expect((await settings(db)).find((row) => row.name === 'fsync')?.setting).toBe('off');
      const durability = await db.durability();
      expect(durability.isDurable).toBe(false);
      expect(durability.detail).toMatch(/fsync=off/);
    } finally {
      await db.close();
    }
  });
});
