/** Traceability: trace and recall, read-only over the other modules. */
import type { FastifyPluginAsync } from 'fastify';

export const traceabilityRoutes: FastifyPluginAsync[] = [];
