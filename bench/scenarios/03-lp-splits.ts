import { randomUUID } from 'node:crypto';
import type { Session } from '../lib/api.js';
import { INVENTORY_MISSING, inventoryPresent, receiveOne, seedStockPlace } from '../lib/inventory.js';
import { runLoad } from '../lib/load.js';
import type { Scenario } from '../lib/types.js';

const CONNECTIONS = 16;
/** Enough that no split in any run can be refused for want of quantity. */
const SOURCE_QTY = '100000000';
const SPLIT_QTY = '0.5';

/**
 * Issue 4: POST /api/v1/license-plates/:id/split on one LP under 16 concurrent
 * connections, all of them serialized by the database on that one row; splits per second.
 * Afterwards the organization's stock must still add up to exactly what was received.
 */
export default function lpSplits(): Scenario {
  let session: Session | null = null;
  let sourceId = '';

  return {
    name: 'lp-splits',
    description: `POST /api/v1/license-plates/:id/split on one LP, ${CONNECTIONS} connections`,

    async setup(env) {
      session = await env.api.signup('lp-splits');
      const present = await inventoryPresent(env, session, { method: 'POST', path: `/api/v1/license-plates/${randomUUID()}/split`, body: { qty: 1 } });
      if (!present) return { skipped: INVENTORY_MISSING };

      const place = await seedStockPlace(env, session, 'splits');
      sourceId = (await receiveOne(env, session, place, Number(SOURCE_QTY), 'SPLIT')).id;
    },

    async run(env) {
      env.log(`lp-splits: app for ${env.durationSeconds}s`);
      const result = await runLoad({
        url: env.baseUrl,
        method: 'POST',
        paths: [`/api/v1/license-plates/${sourceId}/split`],
        headers: { authorization: `Bearer ${session!.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ qty: Number(SPLIT_QTY) }),
        connections: CONNECTIONS,
        durationSeconds: env.durationSeconds,
        warmupSeconds: env.warmupSeconds,
      });

      // Every split (warm-up included) made one new LP; nothing was created or lost on the way.
      const [stock] = await env.bareQuery<{ plates: number; total: string; source: string; conserved: boolean }>(
        `select count(*)::int as plates, sum(qty)::text as total, sum(qty) = $3::numeric as conserved,
                (select qty::text from license_plates where id = $2) as source
         from license_plates where org_id = $1`,
        [session!.orgId, sourceId, SOURCE_QTY],
      );
      const splits = stock!.plates - 1;
      const conserved = stock!.conserved;
      if (!conserved) throw new Error(`stock not conserved after ${splits} splits: ${stock!.total} instead of ${SOURCE_QTY}`);
      return {
        measurements: [{ target: 'app', unit: 'splits/s', connections: CONNECTIONS, ...result }],
        notes: { splitsIncludingWarmup: splits, sourceQtyAfter: stock!.source, totalQty: stock!.total, conserved },
      };
    },

    async teardown() {},
  };
}
