import { randomBytes } from 'node:crypto';
import { systemRoles } from '../../src/platform/auth/permissions.js';
import type { RequestContext } from '../../src/platform/context.js';
import type { Client, Session, TestServer } from '../server.js';

// Builds the master data stock needs (warehouse, locations, supplier, customer, products)
// and receives stock, through the HTTP API as a client would.

export interface InventoryWorld {
  admin: Session;
  api: Client;
  warehouseId: string;
  locations: { receiving: string; storage: string; shipping: string };
  supplierId: string;
  customerId: string;
  /** flour: kg, 10 days shelf life; sugar: kg, no shelf life. */
  products: { flour: string; sugar: string };
}

const suffix = () => randomBytes(3).toString('hex');

function expectStatus<T>(response: { status: number; body: T }, status: number, what: string): T {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Superuser SQL on the test database (setup and inspection only, never the code under test). */
export async function sqlAsOwner<T = Record<string, unknown>>(server: TestServer, text: string, params: unknown[] = []): Promise<T[]> {
  return server.database.db.withSession((session) => session.query(text, params)) as Promise<T[]>;
}

export async function createProduct(server: TestServer, api: Client, options: { uom?: string; shelfLifeDays?: number | null; code?: string } = {}): Promise<string> {
  const code = options.code ?? `P-${suffix()}`;
  const body = expectStatus(await api.post('/api/v1/products', { code, name: `Product ${code}`, type: 'raw', uom: options.uom ?? 'kg' }), 201, 'create product');
  if (options.shelfLifeDays !== undefined) {
    await sqlAsOwner(server, 'update products set shelf_life_days = $1 where id = $2', [options.shelfLifeDays, body.id]);
  }
  return body.id;
}

export async function createLocation(api: Client, warehouseId: string, type: string): Promise<string> {
  const code = `${type.slice(0, 3).toUpperCase()}-${suffix()}`;
  return expectStatus(await api.post('/api/v1/locations', { warehouseId, code, name: `Location ${code}`, type }), 201, 'create location').id;
}

/** A fresh organization with everything needed to receive, move and ship stock. */
export async function setupInventory(server: TestServer, admin?: Session): Promise<InventoryWorld> {
  const session = admin ?? (await server.signup());
  const api = server.as(session.accessToken);
  const warehouseId = expectStatus(await api.post('/api/v1/warehouses', { code: `WH-${suffix()}`, name: 'Main' }), 201, 'create warehouse').id;
  const [receiving, storage, shipping] = [
    await createLocation(api, warehouseId, 'receiving'),
    await createLocation(api, warehouseId, 'storage'),
    await createLocation(api, warehouseId, 'shipping'),
  ];
  const supplierId = expectStatus(await api.post('/api/v1/suppliers', { code: `S-${suffix()}`, name: 'Mill' }), 201, 'create supplier').id;
  const customerId = expectStatus(await api.post('/api/v1/customers', { code: `C-${suffix()}`, name: 'Shop' }), 201, 'create customer').id;
  const flour = await createProduct(server, api, { shelfLifeDays: 10 });
  const sugar = await createProduct(server, api, { shelfLifeDays: null });
  return { admin: session, api, warehouseId, locations: { receiving, storage, shipping }, supplierId, customerId, products: { flour, sugar } };
}

export interface PlateSpec {
  productId?: string;
  qty?: number;
  lot?: string;
  expiryDate?: string;
  count?: number;
  locationId?: string;
}

/** Receives one line (without a purchase order) and answers the new LPs. */
export async function receivePlates(world: InventoryWorld, spec: PlateSpec = {}, api: Client = world.api): Promise<any[]> {
  const line: Record<string, unknown> = { productId: spec.productId ?? world.products.flour, qty: spec.qty ?? 10, lot: spec.lot ?? `LOT-${suffix()}` };
  if (spec.expiryDate) line.expiryDate = spec.expiryDate;
  if (spec.count) line.count = spec.count;
  const body = expectStatus(await api.post('/api/v1/receipts', { locationId: spec.locationId ?? world.locations.receiving, lines: [line] }), 201, 'receive');
  return body.licensePlates;
}

export async function receivePlate(world: InventoryWorld, spec: PlateSpec = {}, api?: Client): Promise<any> {
  return (await receivePlates(world, { ...spec, count: 1 }, api))[0];
}

/** An approved purchase order for the given lines. */
export async function approvedPurchaseOrder(world: InventoryWorld, lines: { productId: string; qty: number }[]): Promise<any> {
  const order = expectStatus(await world.api.post('/api/v1/purchase-orders', { supplierId: world.supplierId, lines }), 201, 'create purchase order');
  return expectStatus(await world.api.post(`/api/v1/purchase-orders/${order.id}/approve`), 200, 'approve purchase order');
}

export async function updateSettings(world: InventoryWorld, patch: Record<string, unknown>): Promise<void> {
  expectStatus(await world.api.patch('/api/v1/settings', patch), 200, 'update settings');
}

/** LPs (of any organization) whose qty differs from the sum of their ledger rows. */
export async function ledgerMismatches(server: TestServer): Promise<{ number: string; qty: string; ledger: string | null }[]> {
  return sqlAsOwner(server, `select lp.number, lp.qty::text, m.total::text as ledger from license_plates lp
    left join (select license_plate_id, sum(qty_change) as total from stock_moves group by license_plate_id) m on m.license_plate_id = lp.id
    where m.total is distinct from lp.qty`);
}

/** Row counts of everything stock operations write, to prove a refusal wrote nothing. */
export async function inventoryFootprint(server: TestServer, orgId: string): Promise<Record<string, string>> {
  const [row] = await sqlAsOwner<Record<string, string>>(
    server,
    `select (select count(*) from license_plates where org_id = $1)::text as plates,
            (select count(*) from stock_moves where org_id = $1)::text as moves,
            (select count(*) from lp_links where org_id = $1)::text as links,
            (select count(*) from receipts where org_id = $1)::text as receipts,
            (select count(*) from shipments where org_id = $1)::text as shipments,
            (select coalesce(sum(qty), 0)::text from license_plates where org_id = $1) as qty,
            (select string_agg(status || qa_status || location_id, ',' order by id) from license_plates where org_id = $1) as states,
            (select coalesce(sum(received_qty), 0)::text from purchase_order_lines where org_id = $1) as received,
            (select string_agg(status, ',' order by id) from purchase_orders where org_id = $1) as orders,
            (select coalesce(string_agg(name || '=' || value, ',' order by name), '') from org_counters where org_id = $1) as counters`,
    [orgId],
  );
  return row!;
}

/** 'YYYY-MM-DD' n days from today (UTC). */
export function daysFromToday(days: number, from = new Date()): string {
  const date = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A service-call context for a signed-up user with every right (to call other modules' services directly). */
export function adminContext(server: TestServer, session: Session): RequestContext {
  return {
    orgId: session.orgId,
    userId: session.userId,
    permissions: systemRoles.admin!,
    requestId: `test-${suffix()}`,
    databases: server.platform.databases,
    platform: server.platform,
  };
}

/** The organization's outbox events about one subject, oldest first. */
export async function eventsAbout(server: TestServer, subjectId: string): Promise<{ type: string; payload: Record<string, unknown> }[]> {
  return sqlAsOwner(server, 'select type, payload from events where subject_id = $1 order by seq', [subjectId]);
}
