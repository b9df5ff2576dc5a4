import { z } from 'zod';
import { idsQuery, pageQuery } from '../../platform/http/pagination.js';
import { code, label } from '../../platform/http/schemas.js';

export const locationTypes = ['storage', 'receiving', 'production', 'shipping', 'quarantine'] as const;

export const createLocationBody = z.strictObject({ warehouseId: z.uuid('must be a UUID'), code, name: label, type: z.enum(locationTypes) });
export const updateLocationBody = z.strictObject({ name: label.optional(), type: z.enum(locationTypes).optional(), active: z.boolean().optional() });
export const listLocationsQuery = z.strictObject({
  ...pageQuery,
  ...idsQuery,
  warehouseId: z.uuid('must be a UUID').optional(),
  type: z.enum(locationTypes).optional(),
  search: z.string().trim().max(100).optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const locationSchema = z
  .object({
    id: z.uuid(),
    warehouseId: z.uuid(),
    code: z.string(),
    name: z.string(),
    type: z.enum(locationTypes),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Location' });

export type Location = z.infer<typeof locationSchema>;
export type CreateLocationInput = z.infer<typeof createLocationBody>;
export type UpdateLocationInput = z.infer<typeof updateLocationBody>;
export type ListLocationsQuery = z.infer<typeof listLocationsQuery>;
