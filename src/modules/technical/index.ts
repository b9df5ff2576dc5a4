/**
 * Technical: products, allergens, effective-dated BOMs, and GS1 barcodes read into products.
 * Other modules read products and the BOM in force through the functions below (cached,
 * exact decimal strings).
 */
import type { ModuleManifest } from '../../platform/modules.js';
import { allergenRoutes } from './allergen.routes.js';
import { bomRoutes } from './bom.routes.js';
import { gs1Routes } from './gs1.routes.js';
import { productCsvRoutes } from './product-csv.routes.js';
import { productRoutes } from './product.routes.js';

export { findProduct, findProductReferences, getProduct } from './product.service.js';
export { findActiveBom, findBom, getActiveBom, type ActiveBom } from './bom-lookup.service.js';
export { findProductState } from './product-state.service.js';
export { findDispatchProducts, findUnknownAllergenCodes, type DispatchProduct } from './product-dispatch.service.js';
export { parseBarcode } from './gs1.service.js';
export { productCodeOf, productNameOf } from './product-display.js';
export { describeProducts, searchProducts } from './product-search.js';
export type { Product } from './product.schema.js';
export type { ProductReference } from './product.queries.js';

export const manifest: ModuleManifest = {
  name: 'technical',
  tables: ['products', 'allergens', 'product_allergens', 'boms', 'bom_items'],
  routes: [allergenRoutes, productCsvRoutes, productRoutes, bomRoutes, gs1Routes],
  readableBy: {
    // Product codes and names beside the trace's and the dashboard's rows.
    traceability: ['products'],
    dashboard: ['products'],
  },
};
