import { z } from 'zod';
import { codedRecords } from '../../platform/db/coded-records.js';
import { suppliers as supplierTable } from './tables.js';
import { codedRecordRoutes } from '../../platform/http/coded-record-routes.js';
import { contactColumns, contactFields, partnerSchema } from '../../platform/http/contact-fields.js';
import { code, label } from '../../platform/http/schemas.js';

/** Suppliers: written with planning rights; deactivated rather than deleted once referenced. */
export const suppliers = codedRecords({
  table: supplierTable,
  label: 'supplier',
  writeModule: 'planning',
  readModules: ['planning', 'warehouse', 'quality'],
  fields: contactColumns(supplierTable),
});

export const supplierRoutes = codedRecordRoutes({
  path: '/suppliers',
  tag: 'suppliers',
  store: suppliers,
  record: partnerSchema('Supplier'),
  createBody: z.strictObject({ code, name: label, ...contactFields }),
  updateBody: z.strictObject({ name: label.optional(), active: z.boolean().optional(), ...contactFields }),
});
