import { randomUUID } from 'node:crypto';
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, type Database } from '../../src/platform/db/database.js';
import { createServer, type Server } from '../../src/server.js';
import { ApiClient, type Session } from '../lib/api.js';
import { INVENTORY_MISSING, inventoryPresent, receiveOne, seedStockPlace } from '../lib/inventory.js';
import { runLoad } from '../lib/load.js';
import type { BenchEnv, Measurement, Scenario } from '../lib/types.js';

const CONNECTIONS = 16;
/** Enough that no split in any run can be refused for want of quantity. */
const SOURCE_QTY = 100_000_000;

/** One embedded database with its own server: durable (as the app runs), or fsync off (PGlite's default). */
interface Opened {
  dir: string;
  db: Database;
  server: Server;
}

interface Side extends Opened {
  label: 'fsync on' | 'fsync off';
  baseUrl: string;
  session: Session;
  sourceId: string;
}

/**
 * Issue 10, hole 2: what durability costs the embedded database. The same write path as
 * lp-splits (POST /api/v1/license-plates/:id/split on one LP, 16 connections), measured on two
 * PGlite copies of the bench database in the same run: one as the app opens it (fsync on, every
 * commit synced to the disk) and one with PGlite's default fsync=off. Notes count the fsyncs.
 */
export default function pgliteDurability(): Scenario {
  const opened: Opened[] = [];
  const sides: Side[] = [];

  return {
    name: 'pglite-durability',
    description: `POST /api/v1/license-plates/:id/split on PGlite with fsync on vs off, ${CONNECTIONS} connections`,

    async setup(env) {
      if (env.kind !== 'pglite' || !env.db.dumpDataDir) return { skipped: 'compares the embedded database with fsync on and off; run without DATABASE_URL' };
      const dump = await env.db.dumpDataDir();
      for (const durable of [true, false]) {
        const dir = mkdtempSync(join(tmpdir(), 'monopilot-bench-durability-'));
        const db = await openPglite({ dataDir: join(dir, 'data'), loadDataDir: dump, durable });
        const server = await createServer(env.server.platform.config, { db });
        opened.push({ dir, db, server });
        await server.app.listen({ port: 0, host: '127.0.0.1' });
        const address = server.app.server.address();
        if (!address || typeof address === 'string') throw new Error('server has no TCP address');
        const baseUrl = `http://127.0.0.1:${address.port}`;
        const sideEnv: BenchEnv = { ...env, server, db, baseUrl, api: new ApiClient(baseUrl), bareQuery: (text, params) => db.withSession((s) => s.query(text, params)) };
        const session = await sideEnv.api.signup('durability');
        const present = await inventoryPresent(sideEnv, session, { method: 'POST', path: `/api/v1/license-plates/${randomUUID()}/split`, body: { qty: 1 } });
        if (!present) return { skipped: INVENTORY_MISSING };
        const place = await seedStockPlace(sideEnv, session, 'durability');
        const sourceId = (await receiveOne(sideEnv, session, place, SOURCE_QTY, 'DURABILITY')).id;
        const label = durable ? 'fsync on' : 'fsync off';
        sides.push({ label, dir, db, server, baseUrl, session, sourceId });
        env.log(`pglite-durability: ${label} ready`);
      }
    },

    async run(env) {
      const measurements: Measurement[] = [];
      const fsyncs: Record<string, number> = {};
      for (const side of sides) {
        env.log(`pglite-durability: ${side.label} for ${env.durationSeconds}s`);
        const counted = countFsyncs();
        try {
          const result = await runLoad({
            url: side.baseUrl,
            method: 'POST',
            paths: [`/api/v1/license-plates/${side.sourceId}/split`],
            headers: { authorization: `Bearer ${side.session.accessToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ qty: 0.5 }),
            connections: CONNECTIONS,
            durationSeconds: env.durationSeconds,
            warmupSeconds: env.warmupSeconds,
          });
          measurements.push({ target: 'app', unit: `splits/s (${side.label})`, connections: CONNECTIONS, ...result });
          // Warm-up splits included: what one split costs in fsyncs, not an exact count of the measured ones.
          fsyncs[side.label] = counted.count();
        } finally {
          counted.restore();
        }
      }
      const [on, off] = measurements;
      const splitsOf = (side: Side) =>
        side.db.withSession((s) => s.query<{ splits: number }>(`select count(*)::int - 1 as splits from license_plates where org_id = $1`, [side.session.orgId]));
      const splits = await Promise.all(sides.map(async (side) => (await splitsOf(side))[0]!.splits));
      return {
        measurements,
        notes: {
          fsyncOnVsOff: on && off && off.perSecond > 0 ? Number((on.perSecond / off.perSecond).toFixed(3)) : null,
          fsyncsPerSplit: Object.fromEntries(sides.map((side, index) => [side.label, Number((fsyncs[side.label]! / Math.max(1, splits[index]!)).toFixed(2))])),
          splitsIncludingWarmup: Object.fromEntries(sides.map((side, index) => [side.label, splits[index]])),
        },
      };
    },

    async teardown() {
      sides.length = 0;
      for (const { dir, db, server } of opened.splice(0)) {
        await server.close().catch(() => undefined);
        await db.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Counts fs.fsyncSync calls (how the durable PGlite syncs) until restored. */
function countFsyncs(): { count(): number; restore(): void } {
  const original = fs.fsyncSync;
  let count = 0;
  fs.fsyncSync = (fd) => {
    count++;
    original(fd);
  };
  return { count: () => count, restore: () => (fs.fsyncSync = original) };
}
