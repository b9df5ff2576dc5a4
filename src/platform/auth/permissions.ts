import { AppError } from '../http/errors.js';

export const modules = ['settings', 'technical', 'planning', 'production', 'warehouse', 'quality', 'shipping'] as const;
export const levels = ['none', 'read', 'write'] as const;

export type Module = (typeof modules)[number];
export type Level = (typeof levels)[number];
export type Permissions = Record<Module, Level>;

const rank: Record<Level, number> = { none: 0, read: 1, write: 2 };

function role(...levelsInOrder: Level[]): Permissions {
  return Object.fromEntries(modules.map((module, index) => [module, levelsInOrder[index]!])) as Permissions;
}

/** The roles every organization starts with; levels in the order of `modules`. */
export const systemRoles: Record<string, Permissions> = {
  admin: role('write', 'write', 'write', 'write', 'write', 'write', 'write'),
  planner: role('read', 'write', 'write', 'read', 'read', 'read', 'read'),
  operator: role('none', 'read', 'read', 'write', 'write', 'read', 'none'),
  warehouse: role('none', 'read', 'read', 'read', 'write', 'read', 'write'),
  quality: role('none', 'read', 'read', 'read', 'read', 'write', 'read'),
  viewer: role('read', 'read', 'read', 'read', 'read', 'read', 'read'),
};

export const noPermissions: Permissions = role(...modules.map(() => 'none' as const));

/** A user's rights are the highest level any of their roles grants, module by module. */
export function combinePermissions(grants: Partial<Permissions>[]): Permissions {
  const combined = { ...noPermissions };
  for (const grant of grants) {
    for (const module of modules) {
      const level = grant[module] ?? 'none';
      if (rank[level] > rank[combined[module]]) combined[module] = level;
    }
  }
  return combined;
}

export function hasPermission(permissions: Permissions, module: Module, level: Exclude<Level, 'none'>): boolean {
  return rank[permissions[module]] >= rank[level];
}

/** The first line of every service function. */
export function requirePermission(ctx: { permissions: Permissions }, module: Module, level: Exclude<Level, 'none'>): void {
  if (!hasPermission(ctx.permissions, module, level)) {
    throw new AppError('FORBIDDEN', `needs ${level} permission on ${module}`);
  }
}

/** The modules where `granted` goes above `allowed`, each with the level it would give. */
export function levelsAbove(granted: Partial<Permissions>, allowed: Permissions): string[] {
  return modules.filter((module) => rank[granted[module] ?? 'none'] > rank[allowed[module]]).map((module) => `${granted[module]} on ${module}`);
}

/**
 * No escalation: a user may give (in a role, or by giving roles to anyone, themselves
 * included) only up to what they hold in each module. What the role or user already has
 * may stay, so removing and lowering are always allowed.
 */
export function requireNoEscalation(ctx: { permissions: Permissions }, granted: Partial<Permissions>, alreadyHeld: Partial<Permissions> = noPermissions): void {
  const above = levelsAbove(granted, combinePermissions([ctx.permissions, alreadyHeld]));
  if (above.length > 0) {
    throw new AppError('FORBIDDEN', `you cannot give more than you hold: ${above.join(', ')}`);
  }
}

/** Closing a work order and similar acts are reserved to organization admins. */
export function isAdmin(permissions: Permissions): boolean {
  return modules.every((module) => permissions[module] === 'write');
}
