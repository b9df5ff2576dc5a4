import { desc, eq } from 'drizzle-orm';
import type { Permissions } from '../../platform/auth/permissions.js';
import type { Tx } from '../../platform/db/database.js';
import { roles } from './tables.js';

/** A role as stored: the permissions name only the modules it grants. */
export type RoleRow = { id: string; name: string; permissions: Partial<Permissions>; system: boolean };

const roleFields = { id: roles.id, name: roles.name, permissions: roles.permissions, system: roles.isSystem };

/** The organization's roles, system ones first, then by name. */
export async function selectRoles(tx: Tx): Promise<RoleRow[]> {
  return tx.select(roleFields).from(roles).orderBy(desc(roles.isSystem), roles.name);
}

export async function selectRole(tx: Tx, id: string): Promise<RoleRow | null> {
  const [row] = await tx.select(roleFields).from(roles).where(eq(roles.id, id));
  return row ?? null;
}

/** Inserts a custom role; null when the name is taken. */
export async function insertRole(tx: Tx, orgId: string, role: { name: string; permissions: Permissions }): Promise<RoleRow | null> {
  const [row] = await tx.insert(roles).values({ orgId, name: role.name, permissions: role.permissions }).onConflictDoNothing().returning(roleFields);
  return row ?? null;
}

/** Inserts an organization's system roles (at signup), answering their ids by name. */
export async function insertSystemRoles(tx: Tx, orgId: string, permissionsByName: Record<string, Permissions>): Promise<Map<string, string>> {
  const values = Object.entries(permissionsByName).map(([name, permissions]) => ({ orgId, name, permissions, isSystem: true }));
  const rows = await tx.insert(roles).values(values).returning({ id: roles.id, name: roles.name });
  return new Map(rows.map((row) => [row.name, row.id]));
}

export async function updateRoleRow(tx: Tx, id: string, role: { name: string; permissions: Partial<Permissions> }): Promise<RoleRow | null> {
  const [row] = await tx.update(roles).set({ name: role.name, permissions: role.permissions }).where(eq(roles.id, id)).returning(roleFields);
  return row ?? null;
}
