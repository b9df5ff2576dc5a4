/**
 * Technical: products, allergens and effective-dated BOMs. Other modules read products
 * and the BOM in force through the functions below (cached, exact decimal strings).
 */
import type { FastifyPluginAsync } from 'fastify';
import { allergenRoutes } from './allergen.routes.js';
import { bomRoutes } from './bom.routes.js';
import { productCsvRoutes } from './product-csv.routes.js';
import { productRoutes } from './product.routes.js';

export { findProduct, getProduct } from './product.service.js';
export { findActiveBom, findBom, getActiveBom, type ActiveBom } from './bom-lookup.service.js';
export type { Product } from './product.schema.js';
export { selectProductFacts, type ProductFacts } from './product-facts.queries.js';

export const technicalRoutes: FastifyPluginAsync[] = [allergenRoutes, productCsvRoutes, productRoutes, bomRoutes];
