import { z } from 'zod';
import { workOrderStatuses } from '../production/index.js';

const licensePlateItem = z.object({
  id: z.uuid(),
  number: z.string(),
  productId: z.uuid(),
  lot: z.string(),
  expiryDate: z.string().nullable(),
  qty: z.number(),
  qaStatus: z.enum(['pending', 'released', 'hold', 'rejected']).describe('a held plate shows as held wherever it is listed'),
});

const purchaseOrderItem = z.object({
  id: z.uuid(),
  number: z.string(),
  supplierId: z.uuid(),
  status: z.enum(['approved', 'partially_received']),
  expectedDate: z.string().nullable(),
});

/** A count and the first few of what it counts. */
const listOf = <T extends z.ZodType>(item: T, description: string) =>
  z.object({ count: z.number().int().describe(description), items: z.array(item).describe('the first 20') });

export const dashboardSchema = z
  .object({
    workOrders: z.object({
      byStatus: z.object(Object.fromEntries(workOrderStatuses.map((status) => [status, z.number().int()])) as Record<(typeof workOrderStatuses)[number], z.ZodNumber>),
    }),
    outputToday: z
      .array(z.object({ productId: z.uuid(), productCode: z.string(), productName: z.string(), qty: z.number(), uom: z.string() }))
      .describe("output booked today (the organization's calendar day), per product"),
    expiringLicensePlates: listOf(licensePlateItem, "available LPs expiring between today and today + the organization's expiryWarningDays, soonest first"),
    onHold: listOf(licensePlateItem, 'available LPs on QA hold'),
    openPurchaseOrders: listOf(purchaseOrderItem, 'approved or partially received purchase orders, soonest expected first'),
    generatedAt: z.string().describe('when these figures were read (they are cached for at most 30 s, and dropped by every event of the organization)'),
  })
  .meta({ id: 'Dashboard' });

export type Dashboard = z.infer<typeof dashboardSchema>;
export type DashboardLicensePlate = z.infer<typeof licensePlateItem>;
export type DashboardPurchaseOrder = z.infer<typeof purchaseOrderItem>;
