import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { products } from './tables.js';

// The read contract for other modules' lists: a product's code and name beside a row that names the
// product, fetched in the same query (a correlated read of the primary key; RLS keeps it in the
// caller's organization). Other modules use these instead of naming the products table.

/** A product's code, for a select list: `productCode: productCodeOf(table.productId)`. */
export const productCodeOf = (productId: AnyPgColumn): SQL<string> => sql<string>`(select ${products.code} from ${products} where ${products.id} = ${productId})`;

/** A product's name, for a select list. */
export const productNameOf = (productId: AnyPgColumn): SQL<string> => sql<string>`(select ${products.name} from ${products} where ${products.id} = ${productId})`;
