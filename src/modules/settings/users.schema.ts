import { z } from 'zod';
import { modules } from '../../platform/auth/permissions.js';
import { pageQuery } from '../../platform/http/pagination.js';
import { email, levelSchema, password, permissionsSchema, personName } from './auth.schema.js';

const roleNames = z.array(z.string().trim().min(1).max(100)).max(20);

export const createUserBody = z.strictObject({ email, name: personName, password, roles: roleNames.min(1, 'at least one role') });
export const updateUserBody = z.strictObject({
  name: personName.optional(),
  roles: roleNames.min(1, 'at least one role').optional(),
  active: z.boolean().optional(),
  password: password.optional().describe('a new password for the user (10 to 200 characters); all their sessions (refresh tokens) are revoked'),
});
export const listUsersQuery = z.strictObject({ ...pageQuery, active: z.enum(['true', 'false']).optional() });

export const userSchema = z
  .object({ id: z.uuid(), email: z.string(), name: z.string(), roles: z.array(z.string()), active: z.boolean(), createdAt: z.string() })
  .meta({ id: 'User' });

export const rolePermissionsInput = z.strictObject(
  Object.fromEntries(modules.map((module) => [module, levelSchema.optional()])) as Record<(typeof modules)[number], z.ZodOptional<typeof levelSchema>>,
);
export const createRoleBody = z.strictObject({ name: z.string().trim().min(1, 'is required').max(100), permissions: rolePermissionsInput });
export const updateRoleBody = z.strictObject({ name: z.string().trim().min(1).max(100).optional(), permissions: rolePermissionsInput.optional() });
export const roleSchema = z.object({ id: z.uuid(), name: z.string(), permissions: permissionsSchema, system: z.boolean() }).meta({ id: 'Role' });

export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;
export type CreateRoleInput = z.infer<typeof createRoleBody>;
export type UpdateRoleInput = z.infer<typeof updateRoleBody>;
