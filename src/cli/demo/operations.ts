import type { Day, MasterData } from './master-data.js';
import type { DemoLines } from './floor.js';
import type { DemoClient } from './transport.js';

interface Plate {
  id: string;
  number: string;
  productId: string;
  lot: string;
  qty: number;
}

export interface DemoStory {
  /** The wheat flour lot that became dough, loaves and rolls, shipped to three customers. */
  flourLot: string;
  /** The lot of sourdough loaves made from it (some shipped, some still in stock). */
  loafLot: string;
  loafPlates: Plate[];
  /** The NCR of the rye delivery that failed its receipt inspection. */
  ncrNumber: string;
}

/**
 * A few days of a bakery's life, step by step through the API: orders to suppliers and what
 * arrived, its inspections (`inspect`: flour waits for its receipt inspection before it may be
 * used), a QA hold and a rejection, flour split off for the mixing room, dough made and baked
 * into loaves and rolls, and bread shipped, leaving work orders in every state.
 */
export async function runBakery(client: DemoClient, data: MasterData, day: Day, lines: DemoLines, inspect: () => Promise<string>): Promise<DemoStory> {
  const stock = await purchaseAndReceive(client, data, day);
  const ncrNumber = await inspect();
  return { ...(await produceAndShip(client, data, day, stock, lines)), ncrNumber };
}

type Stock = Record<string, Plate[]>;

async function purchaseAndReceive(client: DemoClient, { products: p, locations, suppliers }: MasterData, day: Day): Promise<Stock> {
  const order = async (supplier: string, expectedDate: string, lines: Array<[string, number]>) =>
    client.post('/purchase-orders', { supplierId: suppliers[supplier], expectedDate, lines: lines.map(([code, qty]) => ({ productId: p[code]!.id, qty })) });
  const stock: Stock = {};
  const receive = async (purchaseOrder: { id: string; lines: Array<{ id: string; productId: string }> } | null, location: string, lines: Array<{ code: string; qty: number; lot: string; expiryIn?: number; count?: number }>) => {
    const receipt = await client.post('/receipts', {
      ...(purchaseOrder ? { purchaseOrderId: purchaseOrder.id } : {}),
      locationId: locations[location],
      lines: lines.map((line) => ({
        productId: p[line.code]!.id,
        ...(purchaseOrder ? { poLineId: purchaseOrder.lines.find((each) => each.productId === p[line.code]!.id)!.id } : {}),
        qty: line.qty,
        lot: line.lot,
        ...(line.expiryIn === undefined ? {} : { expiryDate: day(line.expiryIn) }),
        ...(line.count ? { count: line.count } : {}),
      })),
    });
    for (const plate of receipt.licensePlates as Plate[]) {
      const code = Object.values(p).find((product) => product.id === plate.productId)!.code;
      (stock[code] ??= []).push(plate);
    }
  };

  const flour = await order('MLYN', day(-3), [['FLOUR-WHEAT', 1000], ['FLOUR-RYE', 500]]);
  await client.post(`/purchase-orders/${flour.id}/approve`);
  await receive(flour, 'RCV', [
    { code: 'FLOUR-WHEAT', qty: 500, count: 2, lot: 'MS-2411-07', expiryIn: 170 },
    { code: 'FLOUR-RYE', qty: 500, lot: 'MS-R-2419', expiryIn: 140 },
  ]);
  for (const plate of [...stock['FLOUR-WHEAT']!, ...stock['FLOUR-RYE']!]) await client.post(`/license-plates/${plate.id}/move`, { toLocationId: locations.DRY });

  const dairy = await order('DAIRY', day(-1), [['MILK', 200], ['BUTTER', 100]]);
  await client.post(`/purchase-orders/${dairy.id}/approve`);
  await receive(dairy, 'COLD', [{ code: 'MILK', qty: 60, count: 2, lot: 'MK-1123', expiryIn: 2 }]);

  const dry = await order('BALTIC', day(-5), [['SALT', 50], ['SUGAR', 100], ['YEAST', 20], ['SESAME', 25], ['POPPY', 50]]);
  await client.post(`/purchase-orders/${dry.id}/approve`);
  await receive(dry, 'RCV', [
    { code: 'SALT', qty: 50, lot: 'HB-SOL-0925', expiryIn: 900 },
    { code: 'SUGAR', qty: 100, lot: 'HB-CUK-1024', expiryIn: 600 },
    { code: 'YEAST', qty: 10, count: 2, lot: 'HB-DR-4471', expiryIn: 21 },
    { code: 'SESAME', qty: 10, lot: 'HB-SEZ-0412', expiryIn: 300 },
    { code: 'SESAME', qty: 15, lot: 'HB-SEZ-0419', expiryIn: 310 },
    { code: 'POPPY', qty: 50, lot: 'HB-MAK-0388', expiryIn: 320 },
  ]);
  const suspectSesame = stock.SESAME!.find((plate) => plate.lot === 'HB-SEZ-0419')!;
  await client.post(`/license-plates/${suspectSesame.id}/hold`, { reason: 'Supplier notice: possible foreign bodies in lot HB-SEZ-0419' });
  await client.post(`/license-plates/${suspectSesame.id}/move`, { toLocationId: locations.QUAR });

  const eggs = await order('EGGFARM', day(-2), [['EGGS', 1200]]);
  await client.post(`/purchase-orders/${eggs.id}/approve`);
  await receive(eggs, 'COLD', [{ code: 'EGGS', qty: 360, count: 2, lot: 'FZ-4471', expiryIn: 20 }]);
  await client.post(`/license-plates/${stock.EGGS![1]!.id}/reject`, { reason: 'Cracked shells on arrival' });

  const packaging = await order('PACK', day(-10), [['BAG-PAPER', 5000], ['BOX-CAKE', 500]]);
  await client.post(`/purchase-orders/${packaging.id}/approve`);
  await receive(packaging, 'DRY', [
    { code: 'BAG-PAPER', qty: 2500, count: 2, lot: 'PS-2409' },
    { code: 'BOX-CAKE', qty: 500, lot: 'PS-K-2409' },
  ]);

  // Next week's flour is ordered and approved; a sugar order waits for approval; an egg order was cancelled.
  await client.post(`/purchase-orders/${(await order('MLYN', day(5), [['FLOUR-WHEAT', 2000]])).id}/approve`);
  await order('BALTIC', day(10), [['SUGAR', 200], ['SALT', 25]]);
  await client.post(`/purchase-orders/${(await order('EGGFARM', day(3), [['EGGS', 600]])).id}/cancel`);

  // Water from the mains, metered into the mixing room: no supplier, a lot per day.
  await receive(null, 'MIX', [{ code: 'WATER', qty: 1000, lot: `MAINS-${day(0)}` }]);
  return stock;
}

async function produceAndShip(client: DemoClient, { products: p, locations, customers }: MasterData, day: Day, stock: Stock, lines: DemoLines): Promise<Omit<DemoStory, 'ncrNumber'>> {
  const workOrder = async (code: string, plannedQty: number, scheduledIn: number, steps: string[] = []) => {
    const created = await client.post('/work-orders', { productId: p[code]!.id, plannedQty, scheduledDate: day(scheduledIn), lineId: lines.lineOf(code) });
    for (const step of steps) await client.post(`/work-orders/${created.id}/${step}`);
    return created as { id: string; number: string };
  };
  const consume = (order: { id: string }, plate: Plate, qty: number) => client.post(`/work-orders/${order.id}/consumptions`, { licensePlateId: plate.id, qty });
  const output = async (order: { id: string }, qty: number, location: string, lot?: string): Promise<Plate> =>
    (await client.post(`/work-orders/${order.id}/outputs`, { qty, locationId: locations[location], ...(lot ? { lot } : {}) })).licensePlate;
  const ship = (customer: string, plates: Plate[]) => client.post('/shipments', { customerId: customers[customer], licensePlateIds: plates.map((plate) => plate.id), shipDate: day(0) });
  const first = (code: string) => stock[code]![0]!;

  // 150 kg of flour lot MS-2411-07 goes from the dry store to the mixing room.
  const flourForLine: Plate = (await client.post(`/license-plates/${first('FLOUR-WHEAT').id}/split`, { qty: 150 })).licensePlate;
  await client.post(`/license-plates/${flourForLine.id}/move`, { toLocationId: locations.MIX });

  const wheatDough = await workOrder('DOUGH-WHEAT', 250, 0, ['release', 'start']);
  await consume(wheatDough, flourForLine, 146);
  await consume(wheatDough, first('WATER'), 95);
  await consume(wheatDough, first('SALT'), 3);
  await consume(wheatDough, first('YEAST'), 2);
  const doughA = await output(wheatDough, 120, 'MIX');
  const doughB = await output(wheatDough, 125, 'MIX');
  await client.post(`/work-orders/${wheatDough.id}/complete`);
  await client.post(`/work-orders/${wheatDough.id}/close`);

  const loafLot = `SD-${day(0).replaceAll('-', '').slice(2)}`;
  const loaves = await workOrder('LOAF-SOURDOUGH', 200, 0, ['release', 'start']);
  await consume(loaves, doughA, 120);
  await consume(loaves, doughB, 63.6);
  await consume(loaves, first('BAG-PAPER'), 200);
  const loafPlates = [await output(loaves, 100, 'OVEN', loafLot), await output(loaves, 60, 'OVEN', loafLot), await output(loaves, 40, 'OVEN', loafLot)];
  await client.post(`/work-orders/${loaves.id}/complete`);
  await client.post(`/work-orders/${loaves.id}/close`);
  await ship('SPOLEM', [loafPlates[0]!]);
  await ship('CAFE', [loafPlates[1]!]);
  await client.post(`/license-plates/${loafPlates[2]!.id}/move`, { toLocationId: locations.STORE });

  const rolls = await workOrder('ROLL-KAISER', 600, 0, ['release', 'start']);
  await consume(rolls, doughB, 43.26);
  await consume(rolls, stock.SESAME!.find((plate) => plate.lot === 'HB-SEZ-0412')!, 1.8);
  const rollLot = `KR-${day(0).replaceAll('-', '').slice(2)}`;
  const rollPlates = [await output(rolls, 400, 'OVEN', rollLot), await output(rolls, 200, 'OVEN', rollLot)];
  await client.post(`/work-orders/${rolls.id}/complete`);
  await ship('HOTEL', [rollPlates[0]!]);
  await client.post(`/license-plates/${rollPlates[1]!.id}/move`, { toLocationId: locations.DISP });

  const ryeDough = await workOrder('DOUGH-RYE', 150, 0, ['release', 'start']);
  await consume(ryeDough, first('FLOUR-RYE'), 80);
  await consume(ryeDough, first('WATER'), 60);
  await consume(ryeDough, first('SALT'), 2);
  await output(ryeDough, 80, 'MIX');

  // The rye dough brought gluten onto the mixing line; the poppy-seed filling has none, so the
  // line is cleaned and the check signed before the filling may start.
  await lines.changeOver('MIX', 'Washed down after rye dough; ATP swab 18 RLU (pass)');
  const filling = await workOrder('FILLING-POPPY', 40, 0, ['release', 'start']);
  await consume(filling, first('POPPY'), 20);
  await consume(filling, first('SUGAR'), 10);
  await client.post(`/work-orders/${filling.id}/hold`, { reason: 'Mixer 2 is waiting for service' });

  await workOrder('DOUGH-SWEET', 80, 1, ['release']);
  await workOrder('BREAD-RYE', 300, 1);
  await workOrder('LOAF-SOURDOUGH', 200, 2);
  const cake = await workOrder('CAKE-POPPY', 20, 2);
  await client.post(`/work-orders/${cake.id}/cancel`, { reason: 'Café Lipowa withdrew the order' });

  return { flourLot: first('FLOUR-WHEAT').lot, loafLot, loafPlates };
}
