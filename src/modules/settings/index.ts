/** Settings: organizations, users, roles, sign-in, warehouses, locations, organization settings, webhooks and the audit trail. */
import type { FastifyPluginAsync } from 'fastify';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.routes.js';
import { locationRoutes } from './location.routes.js';
import { orgSettingsRoutes } from './org-settings.js';
import { roleRoutes, userRoutes } from './users.routes.js';
import { warehouseRoutes } from './warehouses.js';
import { webhookRoutes } from './webhooks.routes.js';

export { resolveAccess } from './access.js';
export { warehouses } from './warehouses.js';
export { getLocation } from './location.service.js';
export { getOrgSettings, type OrgSettings } from './org-settings.js';
export { selectOrgTimezone } from './org-timezone.queries.js';

export const settingsRoutes: FastifyPluginAsync[] = [authRoutes, userRoutes, roleRoutes, warehouseRoutes, locationRoutes, orgSettingsRoutes, webhookRoutes, auditRoutes];
