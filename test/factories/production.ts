import type { ApiResponse, Client, TestServer } from '../server.js';
import { sqlAsOwner, setupInventory, type InventoryWorld } from './inventory.js';
import { createActiveBom, createProduct, type BomItemSpec } from './technical.js';

// Builds what production needs through the HTTP API: a finished product made of the
// inventory world's flour and sugar by an active BOM, work orders in any state, and
// consumption and output against them.

export interface ProductionWorld extends InventoryWorld {
  /** flour and sugar (raw, kg) from the inventory world, bread (finished, kg, 5 days shelf life). */
  products: InventoryWorld['products'] & { bread: string };
  /** bread: 0.6 kg flour + 0.1 kg sugar (5 % scrap) make 1 kg. */
  breadBomId: string;
}

export function expectStatus<T = any>(response: ApiResponse<T>, status: number, what: string): T {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A fresh organization with stock products and a finished product with its active BOM. */
export async function setupProduction(server: TestServer): Promise<ProductionWorld> {
  const world = await setupInventory(server);
  const bread = (await createProduct(world.api, { name: 'Bread', type: 'finished', uom: 'kg', shelfLifeDays: 5 })).id as string;
  const bom = await createActiveBom(world.api, bread, [
    { productId: world.products.flour, qty: 0.6 },
    { productId: world.products.sugar, qty: 0.1, scrapPercent: 5 },
  ]);
  return { ...world, products: { ...world.products, bread }, breadBomId: bom.id };
}

/** An intermediate product with an active BOM of the given items (bom: outputQty, effectiveFrom/To), answering both ids. */
export async function productMadeOf(api: Client, items: BomItemSpec[], bom: Record<string, unknown> = {}) {
  const product = await createProduct(api, { type: 'intermediate', uom: 'kg' });
  const active = await createActiveBom(api, product.id, items, bom);
  return { productId: product.id as string, bomId: active.id as string };
}

export const workOrderUrl = (id: string, action?: string) => `/api/v1/work-orders/${id}${action ? `/${action}` : ''}`;

export async function createWorkOrder(world: ProductionWorld, body: Record<string, unknown> = {}, api: Client = world.api): Promise<any> {
  return expectStatus(await api.post('/api/v1/work-orders', { productId: world.products.bread, plannedQty: 100, ...body }), 201, 'create work order');
}

/** Takes an order through the given transitions, each expected to succeed. */
export async function advance(api: Client, id: string, actions: string[]): Promise<any> {
  let order: any = null;
  for (const action of actions) order = expectStatus(await api.post(workOrderUrl(id, action), {}), 200, action);
  return order;
}

/** A released and started order (in_progress). */
export async function startedWorkOrder(world: ProductionWorld, body: Record<string, unknown> = {}): Promise<any> {
  const order = await createWorkOrder(world, body);
  return advance(world.api, order.id, ['release', 'start']);
}

/** A consumption expected to succeed; beyond the tolerance pass extra.overConsumptionReason. */
export async function consume(api: Client, workOrderId: string, licensePlateId: string, qty: number, extra: { overConsumptionReason?: string } = {}): Promise<any> {
  return expectStatus(await api.post(workOrderUrl(workOrderId, 'consumptions'), { licensePlateId, qty, ...extra }), 201, 'consume');
}

export async function output(api: Client, workOrderId: string, body: Record<string, unknown>): Promise<any> {
  return expectStatus(await api.post(workOrderUrl(workOrderId, 'outputs'), body), 201, 'output').licensePlate;
}

/** Row counts of everything production writes, beside the inventory's, to prove a refusal wrote nothing. */
export async function productionFootprint(server: TestServer, orgId: string): Promise<Record<string, string>> {
  const [row] = await sqlAsOwner<Record<string, string>>(
    server,
    `select (select count(*) from work_orders where org_id = $1)::text as orders,
            (select string_agg(status || produced_qty, ',' order by id) from work_orders where org_id = $1) as states,
            (select count(*) from work_order_materials where org_id = $1)::text as materials,
            (select count(*) || ':' || count(*) filter (where reversed) from work_order_consumptions where org_id = $1) as consumptions,
            (select count(*) from work_order_outputs where org_id = $1)::text as outputs,
            (select count(*) from work_order_transitions where org_id = $1)::text as transitions,
            (select count(*) from events where org_id = $1)::text as events,
            (select count(*) from license_plates where org_id = $1)::text as plates,
            (select count(*) from stock_moves where org_id = $1)::text as moves,
            (select count(*) from lp_links where org_id = $1)::text as links,
            (select coalesce(sum(qty), 0)::text from license_plates where org_id = $1) as qty,
            (select string_agg(status || qa_status, ',' order by id) from license_plates where org_id = $1) as plate_states,
            (select coalesce(string_agg(name || '=' || value, ',' order by name), '') from org_counters where org_id = $1 and name <> 'events') as counters`,
    [orgId],
  );
  return row!;
}

/** The order's production links, as [from, to, qty] rows. */
export async function productionLinks(server: TestServer, workOrderId: string): Promise<{ from: string; to: string; qty: string }[]> {
  return sqlAsOwner(server, `select from_lp_id as "from", to_lp_id as "to", trim_scale(qty)::text as qty from lp_links where work_order_id = $1 order by from_lp_id, to_lp_id`, [
    workOrderId,
  ]);
}
