import type { ModuleManifest } from '../platform/modules.js';
import { manifest as dashboard } from './dashboard/index.js';
import { manifest as planning } from './planning/index.js';
import { manifest as production } from './production/index.js';
import { manifest as quality } from './quality/index.js';
import { manifest as search } from './search/index.js';
import { manifest as settings } from './settings/index.js';
import { manifest as shipping } from './shipping/index.js';
import { manifest as technical } from './technical/index.js';
import { manifest as traceability } from './traceability/index.js';
import { manifest as warehouse } from './warehouse/index.js';

/**
 * Every module's manifest, in the dependency order of DESIGN.md (settings → technical →
 * planning → warehouse → production → traceability/shipping; quality after the warehouse it
 * calls, the dashboard and search, which read every other module, last): the order their routes are registered in.
 */
export const modules: readonly ModuleManifest[] = [settings, technical, planning, warehouse, quality, production, shipping, traceability, dashboard, search];

export { resolveAccess } from './settings/index.js';
