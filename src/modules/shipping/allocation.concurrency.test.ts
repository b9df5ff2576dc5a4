import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivePlates, setupInventory, sqlAsOwner, type InventoryWorld } from '../../../test/factories/inventory.js';
import { act, createSalesOrder } from '../../../test/factories/sales.js';
import { createProduct } from '../../../test/factories/technical.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: InventoryWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

describe('allocation under concurrency', () => {
  it('20 orders allocating the same product at once never hold more than the stock, nor more than any LP has', async () => {
    const productId = (await createProduct(world.api, { shelfLifeDays: 30 })).id;
    await receivePlates(world, { productId, qty: 3.5, count: 6 });
    const orders = [];
    for (let index = 0; index < 20; index += 1) {
      const order = await createSalesOrder(world, { lines: [{ productId, qty: 1.5 }] });
      await act(world, order.id, 'confirm');
      orders.push(order);
    }
    const answers = await Promise.all(orders.map((order) => world.api.post(`/api/v1/sales-orders/${order.id}/allocate`)));
    expect(answers.map((answer) => answer.status)).toEqual(orders.map(() => 200));
    const perPlate = await sqlAsOwner<{ qty: string; reserved: string }>(
      server,
      `select lp.qty::text as qty, coalesce(sum(r.qty), 0)::text as reserved from license_plates lp left join stock_reservations r on r.license_plate_id = lp.id
        where lp.product_id = $1 group by lp.id, lp.qty`,
      [productId],
    );
    expect(perPlate.filter((row) => Number(row.reserved) > Number(row.qty))).toEqual([]);
    const [total] = await sqlAsOwner<{ reserved: string; allocated: string }>(
      server,
      `select (select sum(qty) from stock_reservations where product_id = $1)::float8::text as reserved,
              (select sum(allocated_qty) from sales_order_lines where product_id = $1)::float8::text as allocated`,
      [productId],
    );
    // 21 in stock, 30 asked for: everything is held, exactly once.
    expect(total).toEqual({ reserved: '21', allocated: '21' });
    const statuses = answers.map((answer) => answer.body.status);
    expect(statuses.filter((status) => status === 'allocated')).toHaveLength(14);
    expect((await world.api.get(`/api/v1/stock/fefo?productId=${productId}&qty=1`)).body.coveredQty).toBe(0);
  });
});
