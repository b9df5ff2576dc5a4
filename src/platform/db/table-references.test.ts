import { describe, expect, it } from 'vitest';
import { findTableReferences, tablesInSql } from './table-references.js';

const tables = new Set(['license_plates', 'products', 'locations', 'boms', 'stock_moves']);
const warehouseTables = new Map([
  ['licensePlates', 'license_plates'],
  ['stockMoves', 'stock_moves'],
]);
const options = { tables, drizzleTablesOf: (specifier: string) => (specifier === '../warehouse/tables.js' ? warehouseTables : null) };
const scan = (source: string) => findTableReferences(source, options).map(({ table, line, how }) => `${line} ${how} ${table}`);

describe('the table-reference scanner', () => {
  it('catches a planted violation: a query of another module naming license_plates', () => {
    const planted = [
      "import { sql } from 'drizzle-orm';",
      'export async function findLot(tx: Tx, id: string) {',
      '  return tx.execute(sql`select lot from license_plates where id = ${id}`);',
      '}',
    ].join('\n');
    expect(scan(planted)).toEqual(['3 sql license_plates']);
  });

  it('finds tables after FROM (each of a comma list), JOIN, INTO, UPDATE, DELETE FROM and REFERENCES, quoted or schema-qualified', () => {
    expect(tablesInSql('select 1 from license_plates lp, "products" p where true', tables).sort()).toEqual(['license_plates', 'products']);
    expect(tablesInSql('select 1 from x join public.locations l on l.id = x.id', tables)).toEqual(['locations']);
    expect(tablesInSql('insert into boms (id) values (1)', tables)).toEqual(['boms']);
    expect(tablesInSql('UPDATE stock_moves SET qty = 0', tables)).toEqual(['stock_moves']);
    expect(tablesInSql('delete from products where id = $1', tables)).toEqual(['products']);
    expect(tablesInSql('foreign key (org_id, product_id) references products (org_id, id)', tables)).toEqual(['products']);
  });

  it('takes CTEs, functions, aliases and column names for what they are: no tables', () => {
    expect(tablesInSql('with plates as (select 1) select * from plates p join jsonb_array_elements(x) on true', tables)).toEqual([]);
    expect(tablesInSql('select products, locations from somewhere', tables)).toEqual([]);
  });

  it('finds the tables a Drizzle import brings in, by their SQL names, named or under a namespace', () => {
    expect(scan("import { licensePlates as lp, someHelper } from '../warehouse/tables.js';")).toEqual(['1 import license_plates']);
    expect(scan("import type { stockMoves } from '../warehouse/tables.js';")).toEqual(['1 import stock_moves']);
    expect(scan("import * as warehouse from '../warehouse/tables.js';")).toEqual(['1 import license_plates', '1 import stock_moves']);
    expect(scan("export { licensePlates } from '../warehouse/tables.js';")).toEqual(['1 import license_plates']);
    expect(scan("import { licensePlates } from '../warehouse/license-plate.schema.js';")).toEqual([]);
  });

  it('reads no comment and no code as SQL', () => {
    const source = [
      '// rows are deleted from license_plates by the warehouse',
      '/* update products set ... */',
      "const glob = 'src/**/*.ts'; const url = 'https://example.com/x';",
      'const copy = Array.from(products);',
      "import { x } from './from products';",
    ].join('\n');
    expect(scan(source)).toEqual([]);
  });

  it('reads SQL split by interpolations, and the SQL inside an interpolation', () => {
    expect(scan('const q = sql`select * from ${a} x join boms b on ${sql`b.id in (select id from products)`}`;')).toEqual(['1 sql boms', '1 sql products']);
  });
});
