import { AppError } from '../http/errors.js';

export const modules = ['settings', 'technical', 'planning', 'production', 'warehouse', 'quality', 'shipping'] as const;
export const levels = ['none', 'read', 'write'] as const;

export type Module = (typeof modules)[number];
export type Level = (typeof levels)[number];
export type Permissions = Record<Module, Level>;

const rank: Record<Level, number> = { none: 0, read: 1, write: 2 };

/** A role's levels by module; a module it leaves out gets none. */
function role(levels: Partial<Permissions>): Permissions {
  return Object.fromEntries(modules.map((module) => [module, levels[module] ?? 'none'])) as Permissions;
}

/** The roles every organization starts with (the permission table of issue 2). */
export const systemRoles: Record<string, Permissions> = {
  admin: role({ settings: 'write', technical: 'write', planning: 'write', production: 'write', warehouse: 'write', quality: 'write', shipping: 'write' }),
  planner: role({ settings: 'read', technical: 'write', planning: 'write', production: 'read', warehouse: 'read', quality: 'read', shipping: 'read' }),
  operator: role({ technical: 'read', planning: 'read', production: 'write', warehouse: 'write', quality: 'read' }),
  warehouse: role({ technical: 'read', planning: 'read', production: 'read', warehouse: 'write', quality: 'read', shipping: 'write' }),
  quality: role({ technical: 'read', planning: 'read', production: 'read', warehouse: 'read', quality: 'write', shipping: 'read' }),
  viewer: role({ settings: 'read', technical: 'read', planning: 'read', production: 'read', warehouse: 'read', quality: 'read', shipping: 'read' }),
};

export const noPermissions: Permissions = role({});

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
    throw AppError.coded('FORBIDDEN', 'permission_required', { level, module }, `needs ${level} permission on ${module}`);
  }
}

/**
 * For what several modules share (stock, locations, trace, the dashboard): the level on any one
 * of them will do. The refusal names them all, so the user knows what to ask for.
 */
export function requireAnyPermission(ctx: { permissions: Permissions }, wanted: readonly Module[], level: Exclude<Level, 'none'>): void {
  if (wanted.some((module) => hasPermission(ctx.permissions, module, level))) return;
  const which = wanted.length === 1 ? wanted[0] : `one of ${wanted.join(', ')}`;
  throw new AppError('FORBIDDEN', `needs ${level} permission on ${which}`);
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
