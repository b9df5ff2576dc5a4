/** Settings: organizations, users, roles, sign-in, warehouses, locations, production lines, organization settings, webhooks, the audit trail and the organization's data export. */
import type { ModuleManifest } from '../../platform/modules.js';
import { auditRoutes } from './audit.routes.js';
import { authRoutes } from './auth.routes.js';
import { locationRoutes } from './location.routes.js';
import { orgSettingsRoutes } from './org-settings.routes.js';
import { productionLineRoutes } from './production-lines.js';
import { organizationExportRoutes } from './organization-export.routes.js';
import { settingsCleanups } from './retention.js';
import { roleRoutes } from './roles.routes.js';
import { userRoutes } from './users.routes.js';
import { warehouseRoutes } from './warehouses.js';
import { webhookRoutes } from './webhooks.routes.js';

export { resolveAccess } from './access.service.js';
export { listAccountEmails } from './email-claims.js';
export { warehouses } from './warehouses.js';
export { productionLines } from './production-lines.js';
export { getLocation } from './location.service.js';
export { locationCodeOf } from './location-display.js';
export { getOrgSettings } from './org-settings.service.js';
export type { OrgSettings } from './org-settings.schema.js';
export { listExpiryWarningWindows, type ExpiryWarningWindow } from './expiry-warnings.js';
export { selectOrgTimezone } from './org-timezone.queries.js';
export { verifySigner, type Signer } from './signer.service.js';
export { getMe } from './auth.service.js';

export const manifest: ModuleManifest = {
  name: 'settings',
  tables: ['organizations', 'users', 'roles', 'user_roles', 'refresh_tokens', 'login_attempts', 'warehouses', 'locations', 'org_settings', 'production_lines'],
  routes: [authRoutes, userRoutes, roleRoutes, warehouseRoutes, locationRoutes, productionLineRoutes, orgSettingsRoutes, organizationExportRoutes, webhookRoutes, auditRoutes],
  cleanups: settingsCleanups,
  readableBy: {
    // The recall names each reached LP's location and warehouse codes; the FSMA 204
    // spreadsheet also the organization, as the business of its own sites.
    traceability: ['locations', 'warehouses', 'organizations'],
  },
};
