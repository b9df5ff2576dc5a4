import { z } from 'zod';

const quantity = (what: string) => z.number().describe(`${what}, exact (at most 6 decimals), in the product's unit`);

export const massBalanceSchema = z
  .object({
    productId: z.uuid(),
    lot: z.string(),
    uom: z.string(),
    received: quantity('received on receipts'),
    produced: quantity('made by work orders'),
    consumed: quantity('consumed by work orders, net of reversals'),
    shipped: quantity('shipped to customers'),
    adjusted: quantity('stock adjustments, with their sign'),
    onHand: quantity('on the available LPs now'),
    unaccounted: quantity('received + produced − consumed − shipped + adjusted − onHand: 0 when every gram is explained'),
  })
  .meta({ id: 'MassBalance' });

export type MassBalance = z.infer<typeof massBalanceSchema>;
