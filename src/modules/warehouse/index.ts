/** Warehouse: receipts, license plates, the stock ledger, stock and FEFO. */
import type { FastifyPluginAsync } from 'fastify';

export const warehouseRoutes: FastifyPluginAsync[] = [];
