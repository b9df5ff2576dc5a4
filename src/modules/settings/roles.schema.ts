import { z } from 'zod';
import { modules } from '../../platform/auth/permissions.js';
import { levelSchema, permissionsSchema } from './auth.schema.js';

export const rolePermissionsInput = z.strictObject(
  Object.fromEntries(modules.map((module) => [module, levelSchema.optional()])) as Record<(typeof modules)[number], z.ZodOptional<typeof levelSchema>>,
);
export const createRoleBody = z.strictObject({ name: z.string().trim().min(1, 'is required').max(100), permissions: rolePermissionsInput });
export const updateRoleBody = z.strictObject({ name: z.string().trim().min(1).max(100).optional(), permissions: rolePermissionsInput.optional() });
export const roleSchema = z.object({ id: z.uuid(), name: z.string(), permissions: permissionsSchema, system: z.boolean() }).meta({ id: 'Role' });
export const roleListSchema = z.object({ items: z.array(roleSchema), nextCursor: z.null() });

export type Role = z.infer<typeof roleSchema>;
export type CreateRoleInput = z.infer<typeof createRoleBody>;
export type UpdateRoleInput = z.infer<typeof updateRoleBody>;

/** The no-escalation rule, as the OpenAPI descriptions of the role and user writes state it. */
export const noEscalation =
  'No module may end up above your own level (403, nothing changes); what the user or role already holds may stay, so removing and lowering are always allowed.';
