import { z } from 'zod';
import { codedRecords } from '../../platform/db/coded-records.js';
import { warehouses as warehouseTable } from './tables.js';
import { codedRecordRoutes } from '../../platform/http/coded-record-routes.js';
import { code, label } from '../../platform/http/schemas.js';

export const warehouseSchema = z
  .object({ id: z.uuid(), code: z.string(), name: z.string(), active: z.boolean(), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'Warehouse' });

/** Warehouses: written with settings rights, read by anyone who handles stock. */
export const warehouses = codedRecords({
  table: warehouseTable,
  label: 'warehouse',
  writeModule: 'settings',
  readModules: ['settings', 'warehouse', 'production', 'shipping'],
  fields: {},
});

export const warehouseRoutes = codedRecordRoutes({
  path: '/warehouses',
  tag: 'warehouses',
  store: warehouses,
  record: warehouseSchema,
  createBody: z.strictObject({ code, name: label }),
  updateBody: z.strictObject({ name: label.optional(), active: z.boolean().optional() }),
});
