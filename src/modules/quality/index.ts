/** Quality: holds and releases (later inspections and NCRs). */
import type { FastifyPluginAsync } from 'fastify';

export const qualityRoutes: FastifyPluginAsync[] = [];
