/** Technical: products, and (later) allergens and BOMs. */
import type { FastifyPluginAsync } from 'fastify';
import { productRoutes } from './product.routes.js';

export { getProduct } from './product.service.js';

export const technicalRoutes: FastifyPluginAsync[] = [productRoutes];
