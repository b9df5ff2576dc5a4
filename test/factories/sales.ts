import { randomBytes } from 'node:crypto';
import type { InventoryWorld } from './inventory.js';
import type { ApiResponse } from '../server.js';

// Customers with rules and sales orders taken through their states, through the API.

const suffix = () => randomBytes(3).toString('hex');

function expectStatus(response: ApiResponse, status: number, what: string): any {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A customer, with rules if given (minRemainingShelfLifeDays, excludedAllergens). */
export async function createCustomer(world: InventoryWorld, rules: Record<string, unknown> = {}): Promise<any> {
  return expectStatus(await world.api.post('/api/v1/customers', { code: `C-${suffix()}`, name: 'Deli', ...rules }), 201, 'create customer');
}

export interface OrderSpec {
  customerId?: string;
  requestedDate?: string;
  lines: { productId: string; qty: number }[];
}

export async function createSalesOrder(world: InventoryWorld, spec: OrderSpec): Promise<any> {
  return expectStatus(await world.api.post('/api/v1/sales-orders', { customerId: spec.customerId ?? world.customerId, ...spec }), 201, 'create sales order');
}

export async function act(world: InventoryWorld, orderId: string, action: 'confirm' | 'allocate' | 'cancel' | 'ship', body?: Record<string, unknown>): Promise<any> {
  return expectStatus(await world.api.post(`/api/v1/sales-orders/${orderId}/${action}`, body), 200, action);
}

/** A confirmed and allocated order. */
export async function allocatedOrder(world: InventoryWorld, spec: OrderSpec): Promise<any> {
  const order = await createSalesOrder(world, spec);
  await act(world, order.id, 'confirm');
  return act(world, order.id, 'allocate');
}

/** An allocated order and its pick list. */
export async function pickingOrder(world: InventoryWorld, spec: OrderSpec): Promise<{ order: any; pickList: any }> {
  const order = await allocatedOrder(world, spec);
  const pickList = expectStatus(await world.api.post(`/api/v1/sales-orders/${order.id}/pick-list`), 201, 'pick list');
  return { order, pickList };
}

export async function pick(world: InventoryWorld, pickListId: string, body: Record<string, unknown>): Promise<ApiResponse> {
  return world.api.post(`/api/v1/pick-lists/${pickListId}/pick`, body);
}
