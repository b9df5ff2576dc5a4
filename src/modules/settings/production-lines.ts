import { z } from 'zod';
import { codedRecords } from '../../platform/db/coded-records.js';
import { codedRecordRoutes } from '../../platform/http/coded-record-routes.js';
import { code, label } from '../../platform/http/schemas.js';
import { productionLines as lineTable } from './tables.js';

export const productionLineSchema = z
  .object({ id: z.uuid(), code: z.string(), name: z.string(), warehouseId: z.uuid(), active: z.boolean(), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'ProductionLine' });

/** Production lines: master data written with settings rights, read by whoever plans or runs orders on them. */
export const productionLines = codedRecords({
  table: lineTable,
  label: 'production line',
  writeModule: 'settings',
  readModules: ['settings', 'planning', 'production', 'quality'],
  fields: { warehouseId: lineTable.warehouseId },
});

export const productionLineRoutes = codedRecordRoutes({
  path: '/lines',
  tag: 'production-lines',
  store: productionLines,
  record: productionLineSchema,
  createBody: z.strictObject({ code, name: label, warehouseId: z.uuid('must be a UUID') }),
  updateBody: z.strictObject({ name: label.optional(), warehouseId: z.uuid('must be a UUID').optional(), active: z.boolean().optional() }),
});
