/** Quality: QA decisions on license plates (hold, release, reject); later inspections and NCRs. */
import type { FastifyPluginAsync } from 'fastify';
import { qaStatusRoutes } from './qa-status.routes.js';

export { decideOnLicensePlate } from './qa-status.service.js';

export const qualityRoutes: FastifyPluginAsync[] = [qaStatusRoutes];
