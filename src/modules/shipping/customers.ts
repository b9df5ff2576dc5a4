import { z } from 'zod';
import { codedRecords } from '../../platform/db/coded-records.js';
import { customers as customerTable } from './tables.js';
import { codedRecordRoutes } from '../../platform/http/coded-record-routes.js';
import { contactColumns, contactFields, partnerSchema } from '../../platform/http/contact-fields.js';
import { code, label } from '../../platform/http/schemas.js';

/** Customers: written with shipping rights; deactivated rather than deleted once referenced. */
export const customers = codedRecords({
  table: customerTable,
  label: 'customer',
  writeModule: 'shipping',
  readModules: ['shipping', 'quality', 'planning'],
  fields: contactColumns(customerTable),
});

export const customerRoutes = codedRecordRoutes({
  path: '/customers',
  tag: 'customers',
  store: customers,
  record: partnerSchema('Customer'),
  createBody: z.strictObject({ code, name: label, ...contactFields }),
  updateBody: z.strictObject({ name: label.optional(), active: z.boolean().optional(), ...contactFields }),
});
