/** The shapes of API.md, as the web app reads them. */
export const modules = ['settings', 'technical', 'planning', 'production', 'warehouse', 'quality', 'shipping'] as const;
export type Module = (typeof modules)[number];
export type Level = 'none' | 'read' | 'write';
export type Permissions = Record<Module, Level>;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
}
export interface Organization {
  id: string;
  name: string;
}
/** What sign-in and sign-up answer the web app: the refresh token stays in its HttpOnly cookie. */
export interface Session {
  accessToken: string;
  user: SessionUser;
  organization: Organization;
}
export interface Me {
  user: SessionUser;
  organization: Organization;
  permissions: Permissions;
}

export interface User extends SessionUser {
  active: boolean;
  createdAt: string;
}
export interface Role {
  id: string;
  name: string;
  permissions: Permissions;
  system: boolean;
}

export interface Warehouse {
  id: string;
  code: string;
  name: string;
  active: boolean;
  createdAt: string;
}
export const locationTypes = ['storage', 'receiving', 'production', 'shipping', 'quarantine'] as const;
export type LocationType = (typeof locationTypes)[number];
export interface Location {
  id: string;
  warehouseId: string;
  code: string;
  name: string;
  type: LocationType;
  active: boolean;
}
export interface Partner {
  id: string;
  code: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  active: boolean;
}

export const productTypes = ['raw', 'intermediate', 'finished', 'packaging'] as const;
export type ProductType = (typeof productTypes)[number];
export const uoms = ['kg', 'g', 'l', 'ml', 'pcs'] as const;
export type Uom = (typeof uoms)[number];
export interface Product {
  id: string;
  code: string;
  name: string;
  type: ProductType;
  uom: Uom;
  shelfLifeDays?: number | null;
  gtin?: string | null;
  status?: string;
  allergens?: string[];
  derivedAllergens?: string[];
}
export interface Allergen {
  code: string;
  name: string;
  custom: boolean;
}

export interface OrgSettings {
  receiptQaRequired: boolean;
  outputQaRequired: boolean;
  overReceiptTolerancePercent: number;
  expiryWarningDays: number;
  locale: 'en' | 'pl';
  timezone: string;
  /** 7 to 10 digits; SSCCs are made with it. */
  gs1CompanyPrefix: string | null;
}

export const purchaseOrderStatuses = ['draft', 'approved', 'partially_received', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof purchaseOrderStatuses)[number];
export interface PurchaseOrderLine {
  id: string;
  lineNo?: number;
  productId: string;
  qty: number;
  receivedQty: number;
}
export interface PurchaseOrder {
  id: string;
  number: string;
  supplierId: string;
  status: PurchaseOrderStatus;
  expectedDate?: string | null;
  lines: PurchaseOrderLine[];
  createdAt?: string;
}

export const lpStatuses = ['available', 'consumed', 'shipped', 'merged'] as const;
export type LpStatus = (typeof lpStatuses)[number];
export const qaStatuses = ['pending', 'released', 'hold', 'rejected'] as const;
export type QaStatus = (typeof qaStatuses)[number];
export interface LicensePlate {
  id: string;
  number: string;
  productId: string;
  lot: string;
  expiryDate: string | null;
  qty: number;
  uom: Uom;
  status: LpStatus;
  qaStatus: QaStatus;
  locationId: string;
  createdAt: string;
}
export interface Receipt {
  id: string;
  number: string;
  purchaseOrderId?: string | null;
  supplierId?: string | null;
  locationId?: string;
  lines?: Array<{ id: string; productId: string; poLineId: string | null; qty: number; count: number; lot: string; expiryDate: string | null }>;
  licensePlates: LicensePlate[];
  createdAt?: string;
}
export interface StockMove {
  id: string;
  type: string;
  relatedLicensePlateId?: string | null;
  workOrderId?: string | null;
  qtyChange: number;
  qtyAfter: number;
  fromLocationId: string | null;
  toLocationId: string | null;
  reason: string | null;
  userId: string | null;
  createdAt: string;
}

export const workOrderStatuses = ['planned', 'released', 'in_progress', 'on_hold', 'completed', 'closed', 'cancelled'] as const;
export type WorkOrderStatus = (typeof workOrderStatuses)[number];
export interface WorkOrderMaterial {
  productId: string;
  requiredQty: number;
  consumedQty: number;
  usableQty?: number;
  variancePercent?: number | null;
}
export interface WorkOrderOutput {
  id: string;
  licensePlateId: string;
  number: string;
  lot: string;
  expiryDate: string | null;
  qty: number;
  createdAt: string;
}
export interface WorkOrderTransition {
  from: WorkOrderStatus | null;
  to: WorkOrderStatus;
  userId: string | null;
  reason: string | null;
  at: string;
}
export interface Consumption {
  id: string;
  workOrderId: string;
  licensePlateId: string;
  productId: string;
  qty: number;
  reversed: boolean;
  createdAt: string;
}
export interface WorkOrder {
  id: string;
  number: string;
  productId: string;
  plannedQty: number;
  status: WorkOrderStatus;
  scheduledDate?: string | null;
  bomId?: string | null;
  materials?: WorkOrderMaterial[];
  consumptions?: Consumption[];
  outputs?: WorkOrderOutput[];
  history?: WorkOrderTransition[];
  producedQty?: number;
  yieldPercent?: number | null;
  /** The production line it runs on. */
  lineId?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface Shipment {
  id: string;
  number: string;
  customerId: string;
  shipDate?: string | null;
  licensePlates: Array<Pick<LicensePlate, 'id' | 'number' | 'productId' | 'lot' | 'expiryDate' | 'qty' | 'uom'>>;
  createdAt?: string;
}

export interface TraceLink {
  from: string;
  to: string;
  type: 'production' | 'split' | 'merge';
  workOrderId: string | null;
  qty: number;
}
export interface Trace {
  direction: 'backward' | 'forward';
  roots: string[];
  licensePlates: LicensePlate[];
  links: TraceLink[];
  receipts: Array<{ licensePlateId: string; receiptId: string; supplierId: string | null; purchaseOrderId: string | null }>;
  shipments: Array<{ licensePlateId: string; shipmentId: string; customerId: string; shipDate: string | null }>;
}

export interface DashboardPlate {
  id: string;
  number: string;
  productId: string;
  lot: string;
  expiryDate: string | null;
  qty: number;
  qaStatus: QaStatus;
}
export interface Dashboard {
  workOrders: { byStatus: Record<WorkOrderStatus, number> };
  outputToday: Array<{ productId: string; productCode: string; productName: string; qty: number; uom: string }>;
  expiringLicensePlates: { count: number; items: DashboardPlate[] };
  onHold: { count: number; items: DashboardPlate[] };
  openPurchaseOrders: { count: number; items: Array<{ id: string; number: string; supplierId: string; status: 'approved' | 'partially_received'; expectedDate: string | null }> };
  generatedAt: string;
}

export interface BomItem {
  id: string;
  lineNo: number;
  productId: string;
  productCode: string;
  productName: string;
  uom: Uom;
  qty: number;
  scrapPercent: number;
  grossQty: number;
}
export interface Bom {
  id: string;
  productId: string;
  productCode: string;
  version: number;
  status: 'draft' | 'active';
  outputQty: number;
  uom: Uom;
  effectiveFrom: string;
  effectiveTo: string | null;
  items: BomItem[];
  createdAt: string;
  updatedAt: string;
}

export const webhookEvents = ['work_order.updated', 'consumption.created', 'consumption.reversed', 'license_plate.created', 'license_plate.qa_changed', 'license_plate.expiring', 'purchase_order.updated', 'receipt.created', 'shipment.created'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];
export interface Webhook {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  disabledReason: string | null;
  createdAt: string;
}
export interface WebhookDelivery {
  id: string;
  eventId: string;
  eventType: string;
  attempt: number;
  attemptedAt: string;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  success: boolean;
}

/** GET /trace/mass-balance: a lot's figures from the ledger, in its product's unit. */
export interface MassBalance {
  productId: string;
  lot: string;
  uom: string;
  received: number;
  produced: number;
  consumed: number;
  shipped: number;
  adjusted: number;
  onHand: number;
  unaccounted: number;
}

/** POST /gs1/parse. */
export interface Gs1ParseResult {
  gtin?: string;
  sscc?: string;
  contentGtin?: string;
  lot?: string;
  serial?: string;
  bestBefore?: string;
  expiryDate?: string;
  productionDate?: string;
  packagingDate?: string;
  netWeightKg?: number;
  netWeightLb?: number;
  count?: number;
  variableCount?: number;
  productId?: string;
  elements: { ai: string; value: string }[];
}
