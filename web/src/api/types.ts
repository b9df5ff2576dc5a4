import type { components, paths } from './openapi';

/** The API's named schemas (generated from /api/openapi.json: openapi.d.ts, `npm run generate:api-types`). */
type Schemas = components['schemas'];
/** What an operation answers with its success status (200 or 201). */
type Answer<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer T } } }
    ? T
    : R extends { 201: { content: { 'application/json': infer T } } }
      ? T
      : never
  : never;

/** The shapes of API.md, as the web app reads them. */
export const modules = ['settings', 'technical', 'planning', 'production', 'warehouse', 'quality', 'shipping'] as const;
export type Module = (typeof modules)[number];
export type Level = 'none' | 'read' | 'write';
export type Permissions = Record<Module, Level>;

export type SessionUser = Schemas['SessionUser'];
export type Organization = Schemas['Organization'];
/** What sign-in and sign-up answer the web app: the refresh token stays in its HttpOnly cookie. */
export type Session = Schemas['Session'];
export type Me = Answer<'/api/v1/me', 'get'>;

export type User = Schemas['User'];
export type Role = Schemas['Role'];

export type Warehouse = Schemas['Warehouse'];
export const locationTypes = ['storage', 'receiving', 'production', 'shipping', 'quarantine'] as const;
export type LocationType = (typeof locationTypes)[number];
export type Location = Schemas['Location'];
export type Partner = Schemas['Supplier'];

export const productTypes = ['raw', 'intermediate', 'finished', 'packaging'] as const;
export type ProductType = (typeof productTypes)[number];
export const uoms = ['kg', 'g', 'l', 'ml', 'pcs'] as const;
export type Uom = (typeof uoms)[number];
export type Product = Schemas['Product'];
export type Allergen = Schemas['Allergen'];

export type OrgSettings = Schemas['OrganizationSettings'];

export const purchaseOrderStatuses = ['draft', 'approved', 'partially_received', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof purchaseOrderStatuses)[number];
export type PurchaseOrderLine = Schemas['PurchaseOrder']['lines'][number];
export type PurchaseOrder = Schemas['PurchaseOrder'];

export const lpStatuses = ['available', 'consumed', 'shipped', 'merged'] as const;
export type LpStatus = (typeof lpStatuses)[number];
export const qaStatuses = ['pending', 'released', 'hold', 'rejected'] as const;
export type QaStatus = (typeof qaStatuses)[number];
export type LicensePlate = Schemas['LicensePlate'];
/** An LP as lists answer it: with its product's code and name and its location's code. */
export type ListedLicensePlate = Schemas['ListedLicensePlate'];
export type Receipt = Schemas['Receipt'];
export type StockMove = Schemas['StockMove'];

export const workOrderStatuses = ['planned', 'released', 'in_progress', 'on_hold', 'completed', 'closed', 'cancelled'] as const;
export type WorkOrderStatus = (typeof workOrderStatuses)[number];
export type WorkOrderMaterial = Schemas['WorkOrderMaterial'];
export type WorkOrderOutput = Schemas['WorkOrderOutput'];
export type WorkOrderTransition = Schemas['WorkOrderTransition'];
export type Consumption = Schemas['WorkOrderConsumption'];
export type WorkOrder = Schemas['WorkOrder'];
/** A work order as lists answer it: with its product's code and name. */
export type ListedWorkOrder = Schemas['ListedWorkOrder'];

export type Shipment = Schemas['Shipment'];

export type TraceLink = Schemas['TraceLink'];
export type Trace = Schemas['Trace'];

export type DashboardPlate = Schemas['Dashboard']['expiringLicensePlates']['items'][number];
export type Dashboard = Schemas['Dashboard'];

export type BomItem = Schemas['BomItem'];
export type Bom = Schemas['Bom'];

export const webhookEvents = ['work_order.updated', 'consumption.created', 'consumption.reversed', 'license_plate.created', 'license_plate.qa_changed', 'license_plate.expiring', 'purchase_order.updated', 'receipt.created', 'shipment.created'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];
export type Webhook = Schemas['Webhook'];
export type WebhookDelivery = Schemas['WebhookDelivery'];

/** GET /trace/mass-balance: a lot's figures from the ledger, in its product's unit. */
export type MassBalance = Schemas['MassBalance'];

/** POST /gs1/parse. */
export type Gs1ParseResult = Answer<'/api/v1/gs1/parse', 'post'>;
