import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { combinePermissions, modules, noPermissions, requireAnyPermission, systemRoles, type Permissions } from './permissions.js';

// Rights by module: "any of these may read" is one rule, and its refusal names every module that would do.

const holding = (grant: Partial<Permissions>): { permissions: Permissions } => ({ permissions: combinePermissions([grant]) });

describe('requireAnyPermission', () => {
  it('lets through a user holding the level on any one of the modules, or more', () => {
    expect(() => requireAnyPermission(holding({ planning: 'read' }), ['warehouse', 'planning', 'quality'], 'read')).not.toThrow();
    expect(() => requireAnyPermission(holding({ quality: 'write' }), ['warehouse', 'planning', 'quality'], 'read')).not.toThrow();
    expect(() => requireAnyPermission(holding({ warehouse: 'write' }), ['warehouse', 'shipping'], 'write')).not.toThrow();
  });

  it('refuses a user holding it on none of them, naming all of them', () => {
    const refuse = (grant: Partial<Permissions>, wanted: Parameters<typeof requireAnyPermission>[1], level: 'read' | 'write') => {
      try {
        requireAnyPermission(holding(grant), wanted, level);
      } catch (error) {
        return error;
      }
      return null;
    };
    const error = refuse({ settings: 'write', technical: 'read' }, ['warehouse', 'planning', 'quality'], 'read');
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(403);
    expect((error as AppError).message).toBe('needs read permission on one of warehouse, planning, quality');
    expect((refuse({ warehouse: 'read', shipping: 'read' }, ['warehouse', 'shipping'], 'write') as AppError).message).toBe('needs write permission on one of warehouse, shipping');
    expect((refuse({}, ['quality'], 'read') as AppError).message).toBe('needs read permission on quality');
  });
});

describe('system roles', () => {
  it('name every module, and a module left out of a role is none', () => {
    for (const [name, permissions] of Object.entries(systemRoles)) expect(Object.keys(permissions).sort(), name).toEqual([...modules].sort());
    expect(systemRoles.operator!.settings).toBe('none');
    expect(systemRoles.operator!.shipping).toBe('none');
    expect(noPermissions).toEqual(Object.fromEntries(modules.map((module) => [module, 'none'])));
  });
});
