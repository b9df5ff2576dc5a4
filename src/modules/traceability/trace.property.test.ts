import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupInventory, type InventoryWorld } from '../../../test/factories/inventory.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { selectTraceJson } from './trace.queries.js';
import type { Direction } from './trace.schema.js';

// The trace's recursive query against the plainest walk there is: on random small
// genealogies (plates and lp_links rows written straight into the tables), the plates and
// links it reaches forward and backward from a random plate are exactly those a JavaScript
// depth-first walk of the same graph reaches.

let server: TestServer;
let world: InventoryWorld;

beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

interface Genealogy {
  size: number;
  /** [from, to] by plate index; from < to keeps it acyclic, repeats are allowed (a plate split twice into one). */
  links: [number, number][];
  root: number;
}

const genealogy = fc.integer({ min: 1, max: 10 }).chain((size) =>
  fc.record({
    size: fc.constant(size),
    links:
      size < 2
        ? fc.constant([] as [number, number][])
        : fc.array(
            fc.tuple(fc.integer({ min: 0, max: size - 2 }), fc.integer({ min: 1, max: size - 1 })).filter(([from, to]) => from < to),
            { maxLength: 20 },
          ),
    root: fc.integer({ min: 0, max: size - 1 }),
  }),
);

/** The naive walk: every plate reachable from root along the links (root included), and the links followed. */
function walk({ links, root }: Genealogy, direction: Direction): { plates: Set<number>; links: Set<number> } {
  const plates = new Set([root]);
  const followed = new Set<number>();
  const stack = [root];
  while (stack.length > 0) {
    const at = stack.pop()!;
    links.forEach(([from, to], index) => {
      const [along, next] = direction === 'forward' ? [from, to] : [to, from];
      if (along !== at) return;
      followed.add(index);
      if (!plates.has(next)) {
        plates.add(next);
        stack.push(next);
      }
    });
  }
  return { plates, links: followed };
}

const rollBack = new Error('roll back');

describe('trace', () => {
  it('reaches forward and backward exactly what a naive walk of random genealogies reaches', async () => {
    const scope = { orgId: world.admin.orgId, userId: world.admin.userId, databases: server.platform.databases };
    await fc.assert(
      fc.asyncProperty(genealogy, async (graph) => {
        const plateIds: string[] = Array.from({ length: graph.size }, () => randomUUID());
        const linkIds = graph.links.map(() => randomUUID());
        const traced: Record<Direction, { licensePlates: { id: string }[]; links: { from: string; to: string }[] }> = {} as never;
        // Written and traced in one transaction that is rolled back: plates without ledger
        // entries would not pass the commit-time check, and the trace needs none.
        await withTenant(scope, async (tx) => {
          for (const id of plateIds) {
            await tx.execute(sql`insert into license_plates (id, org_id, number, product_id, lot, qty, uom, status, qa_status, location_id, origin)
              values (${id}, ${scope.orgId}, ${`LP-T-${id}`}, ${world.products.flour}, 'PROP', 1, 'kg', 'available', 'released', ${world.locations.storage}, 'split')`);
          }
          for (const [index, [from, to]] of graph.links.entries()) {
            await tx.execute(sql`insert into lp_links (id, org_id, from_lp_id, to_lp_id, type, qty) values (${linkIds[index]!}, ${scope.orgId}, ${plateIds[from]!}, ${plateIds[to]!}, 'split', 1)`);
          }
          for (const direction of ['forward', 'backward'] as const) traced[direction] = JSON.parse(await selectTraceJson(tx, direction, [plateIds[graph.root]!]));
          throw rollBack;
        }).catch((error: unknown) => {
          if (error !== rollBack) throw error;
        });
        for (const direction of ['forward', 'backward'] as const) {
          const expected = walk(graph, direction);
          const plates = traced[direction].licensePlates.map((plate) => plateIds.indexOf(plate.id)).sort((a, b) => a - b);
          expect({ direction, plates }).toEqual({ direction, plates: [...expected.plates].sort((a, b) => a - b) });
          const links = traced[direction].links.map((link) => `${plateIds.indexOf(link.from)}>${plateIds.indexOf(link.to)}`).sort();
          expect({ direction, links }).toEqual({ direction, links: [...expected.links].map((index) => `${graph.links[index]![0]}>${graph.links[index]![1]}`).sort() });
        }
      }),
      { numRuns: 40 },
    );
  }, 180_000);
});
