import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedEvents } from '../../../test/factories/events.js';
import { daysFromToday, receivePlate, setupInventory } from '../../../test/factories/inventory.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { emitExpiringLicensePlates } from './expiring.job.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ JOBS_POLLING_SECONDS: '0.5' });
});
afterAll(() => server.stop());

const expiring = async (orgId: string) =>
  (await storedEvents(server.database.db, orgId)).filter((event) => event.type === 'license_plate.expiring').map((event) => event.payload);

describe('license_plate.expiring', () => {
  it("emits one event per available LP expiring within the organization's warning window, in that organization only", async () => {
    const world = await setupInventory(server);
    const other = await setupInventory(server);
    await world.api.patch('/api/v1/settings', { expiryWarningDays: 3 });
    const soon = await receivePlate(world, { productId: world.products.sugar, expiryDate: daysFromToday(2) });
    const today = await receivePlate(world, { productId: world.products.sugar, expiryDate: daysFromToday(0) });
    await receivePlate(world, { productId: world.products.sugar, expiryDate: daysFromToday(4) });
    await receivePlate(world, { productId: world.products.sugar });
    const elsewhere = await receivePlate(other, { productId: other.products.sugar, expiryDate: daysFromToday(1) });

    await emitExpiringLicensePlates(server.platform);

    expect(await expiring(world.admin.orgId)).toEqual([
      { id: today.id, number: today.number, productId: world.products.sugar, lot: today.lot, expiryDate: daysFromToday(0), daysLeft: 0 },
      { id: soon.id, number: soon.number, productId: world.products.sugar, lot: soon.lot, expiryDate: daysFromToday(2), daysLeft: 2 },
    ]);
    expect((await expiring(other.admin.orgId)).map((payload) => payload.id)).toEqual([elsewhere.id]);
  });

  it('runs as the daily pg-boss job the warehouse manifest hands the platform', async () => {
    const world = await setupInventory(server);
    const plate = await receivePlate(world, { productId: world.products.sugar, expiryDate: daysFromToday(1) });
    await server.platform.jobs.send('license-plate-expiring', {});
    const deadline = Date.now() + 15_000;
    while ((await expiring(world.admin.orgId)).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await expiring(world.admin.orgId)).map((payload) => payload.id)).toEqual([plate.id]);
  });
});
