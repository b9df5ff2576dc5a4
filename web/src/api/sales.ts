import { request } from './client';
import type { components } from './openapi';
import type { Shipment } from './types';

// Sales and dispatch as the server answers it (API.md "Sales and dispatch").

export const salesOrderStatuses = ['draft', 'confirmed', 'allocated', 'partially_allocated', 'picking', 'shipped', 'cancelled'] as const;
export type SalesOrderStatus = (typeof salesOrderStatuses)[number];

/** Generated from the API's schema (openapi.d.ts): a line carries its product's code and name. */
export type SalesOrderLine = components['schemas']['SalesOrderLine'];

export interface SalesOrder {
  id: string;
  number: string;
  customerId: string;
  requestedDate: string | null;
  status: SalesOrderStatus;
  lines: SalesOrderLine[];
  allocations: Array<{ lineId: string; licensePlateId: string; qty: number }>;
  createdAt: string;
  updatedAt: string;
  shipment?: Shipment;
}

export interface PickListLine {
  id: string;
  licensePlateId: string;
  licensePlateNumber: string;
  locationId: string;
  locationCode: string;
  productId: string;
  lot: string;
  qty: number;
  pickedQty: number;
}

export interface PickList {
  id: string;
  number: string;
  salesOrderId: string;
  status: 'open' | 'done' | 'closed';
  lines: PickListLine[];
  createdAt: string;
}

export interface Pallet {
  id: string;
  sscc: string;
  salesOrderId: string;
  items: Array<{ licensePlateId: string; licensePlateNumber: string; productId: string; lot: string; expiryDate: string | null; qty: number; uom: string }>;
  createdAt: string;
}

/** A file the server makes (label, delivery note) as an object URL, fetched with the session's token. */
export async function fileUrl(path: string, accept: string): Promise<string> {
  const response = await request(path, { accept });
  return URL.createObjectURL(await response.blob());
}

/** Opens a server-made file in a new tab. */
export async function openFile(path: string, accept: string): Promise<void> {
  window.open(await fileUrl(path, accept), '_blank', 'noopener');
}
