import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkOrder, setupProduction, workOrderUrl, type ProductionWorld } from '../../../test/factories/production.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { workOrderActions, type WorkOrderAction } from './work-order.transitions.js';

// The work order state machine against a model written out again from API.md's diagram
// (not from the transitions table):
//   planned → released → in_progress ⇄ on_hold → completed → closed
//   planned, released → cancelled
// Random sequences of actions, sent through the HTTP API to one order each, are allowed
// exactly when the model allows them, and leave the order where the model says.

const model: Record<string, Partial<Record<WorkOrderAction, string>>> = {
  planned: { release: 'released', cancel: 'cancelled' },
  released: { start: 'in_progress', cancel: 'cancelled' },
  in_progress: { hold: 'on_hold', complete: 'completed' },
  on_hold: { resume: 'in_progress' },
  completed: { close: 'closed' },
  closed: {},
  cancelled: {},
};

let server: TestServer;
let world: ProductionWorld;

beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
});
afterAll(() => server.stop());

describe('work order state machine', () => {
  it('agrees with the model on random sequences of actions (admin, who holds every right)', async () => {
    // Biased toward the forward path, so sequences reach the late states too.
    const action = fc.oneof(
      { arbitrary: fc.constantFrom<WorkOrderAction>('release', 'start', 'complete', 'close'), weight: 3 },
      { arbitrary: fc.constantFrom<WorkOrderAction>(...workOrderActions), weight: 2 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 8 }), async (actions) => {
        const order = await createWorkOrder(world, { plannedQty: 10 });
        let state = 'planned';
        expect(order.status).toBe(state);
        for (const next of actions) {
          const expected = model[state]![next];
          const response = await world.api.post(workOrderUrl(order.id, next), {});
          expect({ state, action: next, status: response.status }).toEqual({ state, action: next, status: expected ? 200 : 409 });
          if (expected) {
            expect(response.body.status).toBe(expected);
            state = expected;
          }
        }
        expect((await world.api.get(workOrderUrl(order.id))).body.status).toBe(state);
      }),
      { numRuns: 20 },
    );
  }, 240_000);
});
