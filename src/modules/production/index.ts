/** Production: work orders from creation to close, consumption, output and genealogy. */
import type { FastifyPluginAsync } from 'fastify';

export const productionRoutes: FastifyPluginAsync[] = [];
