/**
 * Traceability: backward and forward trace over LP genealogy (production, splits, merges)
 * and lot recall, read-only over the warehouse's and shipping's records.
 */
import type { FastifyPluginAsync } from 'fastify';
import { traceRoutes } from './trace.routes.js';

export { recallSummary, traceLicensePlates } from './trace.service.js';

export const traceabilityRoutes: FastifyPluginAsync[] = [traceRoutes];
