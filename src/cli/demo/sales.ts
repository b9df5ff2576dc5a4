import type { DemoLines } from './floor.js';
import type { Day, MasterData } from './master-data.js';
import type { DemoClient } from './transport.js';

// The bakery's sales: customers with dispatch rules, the GS1 company prefix, rye bread baked for
// them, and sales orders in every state: draft, confirmed, allocated, partially allocated,
// picking with a backorder after a partial delivery on a pallet, shipped on a pallet, cancelled.

/** Rules the bakery's customers set: a hotel kitchen wants no milk, the café no sesame. */
async function customerRules(client: DemoClient, { customers }: MasterData): Promise<void> {
  await client.patch(`/customers/${customers.SPOLEM}`, { minRemainingShelfLifeDays: 2 });
  await client.patch(`/customers/${customers.HOTEL}`, { minRemainingShelfLifeDays: 1, excludedAllergens: ['milk'] });
  await client.patch(`/customers/${customers.CAFE}`, { excludedAllergens: ['sesame'] });
}

/** Today's rye bread: the rye dough from the mixing room baked on the oven line into three plates of 60 loaves. */
async function bakeRyeBread(client: DemoClient, { products: p, locations }: MasterData, lines: DemoLines): Promise<void> {
  const dough = (await client.get(`/license-plates?productId=${p['DOUGH-RYE']!.id}&status=available`)).items[0];
  const order = await client.post('/work-orders', { productId: p['BREAD-RYE']!.id, plannedQty: 180, lineId: lines.lineOf('BREAD-RYE') });
  await client.post(`/work-orders/${order.id}/release`);
  // Whatever the oven baked last, it is cleaned (and signed for) before the rye bread goes in.
  await lines.changeOver('OVEN', 'Oven and trays cleaned before the rye bread');
  await client.post(`/work-orders/${order.id}/start`);
  if (dough) await client.post(`/work-orders/${order.id}/consumptions`, { licensePlateId: dough.id, qty: Math.min(dough.qty, 75) });
  for (let plate = 0; plate < 3; plate += 1) await client.post(`/work-orders/${order.id}/outputs`, { qty: 60, locationId: locations.DISP });
  for (const step of ['complete', 'close']) await client.post(`/work-orders/${order.id}/${step}`);
}

/** Builds the order up to a state, step by step. */
async function salesOrder(client: DemoClient, customerId: string, lines: [string, number][], data: MasterData, steps: string[], requestedDate?: string) {
  const order = await client.post('/sales-orders', {
    customerId,
    ...(requestedDate ? { requestedDate } : {}),
    lines: lines.map(([code, qty]) => ({ productId: data.products[code]!.id, qty })),
  });
  for (const step of steps) await client.post(`/sales-orders/${order.id}/${step}`);
  return order as { id: string; number: string };
}

/** Picks from the order's new pick list (qty of its first line, or all of it), palletises what was picked and ships it. */
async function pickPalletiseAndShip(client: DemoClient, order: { id: string }, qty?: number): Promise<void> {
  const list = await client.post(`/sales-orders/${order.id}/pick-list`);
  const line = list.lines[0];
  const picked = (await client.post(`/pick-lists/${list.id}/pick`, { licensePlateId: line.licensePlateId, qty: qty ?? line.qty })).picked;
  const pallet = await client.post('/pallets', { salesOrderId: order.id });
  await client.post(`/pallets/${pallet.id}/items`, { licensePlateId: picked.licensePlateId });
  await client.post(`/sales-orders/${order.id}/ship`);
}

/** Customers' rules, the prefix, and orders in every state with two pallets. */
export async function runSales(client: DemoClient, data: MasterData, day: Day, floor: { lines: DemoLines; releaseBaked: () => Promise<void> }): Promise<void> {
  const c = data.customers;
  await client.patch('/settings', { gs1CompanyPrefix: '5901234' });
  await customerRules(client, data);
  await bakeRyeBread(client, data, floor.lines);
  // Rye bread has a release specification: it is sold once QA has passed it.
  await floor.releaseBaked();
  const shipped = await salesOrder(client, c.SPOLEM!, [['BREAD-RYE', 60]], data, ['confirm', 'allocate']);
  await pickPalletiseAndShip(client, shipped);
  // 40 loaves are left for 50 ordered: 25 leave today, 15 stay held, 10 more to bake.
  const partial = await salesOrder(client, c.CAFE!, [['LOAF-SOURDOUGH', 50]], data, ['confirm', 'allocate']);
  await pickPalletiseAndShip(client, partial, 25);
  await salesOrder(client, c.HOTEL!, [['BREAD-RYE', 40]], data, ['confirm', 'allocate'], day(1));
  await salesOrder(client, c.CLOCK!, [['ROLL-KAISER', 300]], data, ['confirm', 'allocate']);
  await salesOrder(client, c.SPOLEM!, [['BREAD-RYE', 30]], data, ['confirm'], day(2));
  await salesOrder(client, c.HOTEL!, [['BREAD-RYE', 20]], data, ['confirm', 'allocate', 'cancel']);
  await salesOrder(client, c.CLOCK!, [['LOAF-SOURDOUGH', 20], ['BREAD-RYE', 10]], data, [], day(3));
}
