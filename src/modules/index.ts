import type { FastifyPluginAsync } from 'fastify';
import { planningRoutes } from './planning/index.js';
import { settingsRoutes } from './settings/index.js';
import { shippingRoutes } from './shipping/index.js';
import { technicalRoutes } from './technical/index.js';

/** Every module's routes, in the dependency order of DESIGN.md. */
export const moduleRoutes: FastifyPluginAsync[] = [...settingsRoutes, ...technicalRoutes, ...planningRoutes, ...shippingRoutes];

export { resolveAccess } from './settings/index.js';
