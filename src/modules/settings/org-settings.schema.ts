import { z } from 'zod';

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

export const orgSettingsSchema = z
  .object({
    receiptQaRequired: z.boolean(),
    outputQaRequired: z.boolean(),
    overReceiptTolerancePercent: z.number(),
    expiryWarningDays: z.number().int(),
    locale: z.enum(['en', 'pl']),
    timezone: z.string(),
    gs1CompanyPrefix: z.string().nullable().describe('the GS1 company prefix (7 to 10 digits) that SSCCs are made with; null until set'),
    overConsumptionTolerancePercent: z.number().describe('a consumption beyond requiredQty × (1 + this / 100) needs an overConsumptionReason'),
  })
  .meta({ id: 'OrganizationSettings' });

export const updateOrgSettingsBody = z.strictObject({
  receiptQaRequired: z.boolean().optional(),
  outputQaRequired: z.boolean().optional(),
  overReceiptTolerancePercent: z.number().min(0, 'must be 0 or more').max(1000, 'must be at most 1000').optional(),
  expiryWarningDays: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(3650).optional(),
  locale: z.enum(['en', 'pl']).optional(),
  timezone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as Europe/Warsaw').optional(),
  gs1CompanyPrefix: z
    .string()
    .regex(/^\d{7,10}$/, 'must be 7 to 10 digits, as GS1 issued it')
    .nullable()
    .optional()
    .describe('null clears it'),
  overConsumptionTolerancePercent: z.number().min(0, 'must be 0 or more').max(1000, 'must be at most 1000').optional(),
});

export type OrgSettings = z.infer<typeof orgSettingsSchema>;
export type UpdateOrgSettingsInput = z.infer<typeof updateOrgSettingsBody>;
