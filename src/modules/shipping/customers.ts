import { z } from 'zod';
import { codedRecords } from '../../platform/db/coded-records.js';
import type { RequestContext } from '../../platform/context.js';
import { customers as customerTable } from './tables.js';
import { codedRecordRoutes } from '../../platform/http/coded-record-routes.js';
import { contactColumns, contactFields, partnerSchema } from '../../platform/http/contact-fields.js';
import { invalid } from '../../platform/http/errors.js';
import { code, label } from '../../platform/http/schemas.js';
import { findUnknownAllergenCodes } from '../technical/index.js';

/** Customers: written with shipping rights; deactivated rather than deleted once referenced. */
const store = codedRecords({
  table: customerTable,
  label: 'customer',
  writeModule: 'shipping',
  readModules: ['shipping', 'quality', 'planning'],
  fields: {
    ...contactColumns(customerTable),
    contactName: customerTable.contactName,
    minRemainingShelfLifeDays: customerTable.minRemainingShelfLifeDays,
    excludedAllergens: customerTable.excludedAllergens,
  },
});

/** The allergen codes must name allergens of the organization (400 naming excludedAllergens); stored as a JSON array. */
async function withStoredRules<T extends { excludedAllergens?: string[] }>(ctx: RequestContext, input: T): Promise<Omit<T, 'excludedAllergens'> & { excludedAllergens?: string }> {
  if (input.excludedAllergens === undefined) return input as Omit<T, 'excludedAllergens'>;
  const codes = [...new Set(input.excludedAllergens)].sort();
  const unknown = await findUnknownAllergenCodes(ctx, codes);
  if (unknown.length > 0) throw invalid('excludedAllergens', `unknown allergen code${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  return { ...input, excludedAllergens: JSON.stringify(codes) };
}

/** Customers with their dispatch rules: a minimum remaining shelf life and excluded allergens. */
export const customers = {
  ...store,
  async create(ctx: RequestContext, input: { code: string; name: string; excludedAllergens?: string[] } & Record<string, unknown>) {
    return store.create(ctx, await withStoredRules(ctx, { ...input, excludedAllergens: input.excludedAllergens ?? [] }));
  },
  async update(ctx: RequestContext, id: string, input: Record<string, unknown> & { excludedAllergens?: string[] }) {
    return store.update(ctx, id, await withStoredRules(ctx, input));
  },
};

/** Whom to call there (a recall export names them). */
const contactName = { contactName: z.string().trim().max(200).nullable().optional() };

const rules = {
  minRemainingShelfLifeDays: z.number().int('must be a whole number of days').min(0).max(3650).nullable().optional(),
  excludedAllergens: z.array(z.string().trim().min(1).max(64)).max(100).optional(),
};

const customerSchema = partnerSchema('CustomerContact')
  .extend({ contactName: z.string().nullable(), minRemainingShelfLifeDays: z.number().int().nullable(), excludedAllergens: z.array(z.string()) })
  .meta({ id: 'Customer' });

export const customerRoutes = codedRecordRoutes({
  path: '/customers',
  tag: 'customers',
  store: customers,
  record: customerSchema,
  createBody: z.strictObject({ code, name: label, ...contactFields, ...contactName, ...rules }),
  updateBody: z.strictObject({ name: label.optional(), active: z.boolean().optional(), ...contactFields, ...contactName, ...rules }),
});
