import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { email, password, personName } from './auth.schema.js';

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

export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;
export type User = z.infer<typeof userSchema>;
