import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';

/** Contact details shared by suppliers and customers. */
export const contactFields = {
  email: z.email('must be an email address').max(254).nullable().optional(),
  phone: z.string().trim().max(50).nullable().optional(),
  address: z.string().trim().max(500).nullable().optional(),
};

/** The contact columns of a partner table, by API field name. */
export const contactColumns = (table: { email: AnyPgColumn; phone: AnyPgColumn; address: AnyPgColumn }) => ({ email: table.email, phone: table.phone, address: table.address });

export const partnerSchema = (id: string) =>
  z
    .object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      address: z.string().nullable(),
      active: z.boolean(),
      createdAt: z.string(),
      updatedAt: z.string(),
    })
    .meta({ id });
