import type { z } from 'zod';
import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant, withTenantReadOnly } from '../../platform/db/tenancy.js';
import { AppError } from '../../platform/http/errors.js';
import { code, label } from '../../platform/http/schemas.js';
import { allergenCode } from './allergen.schema.js';
import { CsvSyntaxError, formatCsvRow, parseCsv, undoFormulaDefusing, type CsvRecord } from '../../platform/csv.js';
import { gtinMessage, isValidGtin } from './gtin.js';
import { selectAllergenCodes, selectExistingByCode, selectExportRows, upsertProducts, withHashJoins, type ImportRow } from './product-csv.queries.js';
import { csvHeader, type CsvColumn, type ImportResult, type RowError } from './product-csv.schema.js';
import { productTypes, uoms } from './product.schema.js';
import { invalidateTechnicalReads } from './technical-cache.js';

const MAX_ERRORS = 1000;

/**
 * Imports products from CSV, all or nothing: a code already in the organization is
 * updated (name, type, uom, shelfLifeDays, gtin; declared allergens replaced), a new
 * one created. A dry run checks everything and writes nothing; a real import with any
 * error is refused with the same errors.
 */
export async function importProducts(ctx: RequestContext, csv: string, options: { dryRun: boolean }): Promise<ImportResult> {
  requirePermission(ctx, 'technical', 'write');
  return withTenant(ctx, (tx) =>
    withHashJoins(tx, async () => {
      const { rows, errors, recordCount } = readRows(csv, await selectAllergenCodes(tx));
      const existing = await selectExistingByCode(
        tx,
        rows.map((row) => row.code),
      );
      errors.push(...unitChangeErrors(rows, existing));
      errors.sort((a, b) => a.row - b.row || csvHeader.indexOf(a.column as CsvColumn) - csvHeader.indexOf(b.column as CsvColumn));
      const updated = rows.filter((row) => existing.has(row.code)).length;
      const result: ImportResult = {
        dryRun: options.dryRun,
        rows: recordCount,
        created: rows.length - updated,
        updated,
        errorCount: errors.length,
        errors: errors.slice(0, MAX_ERRORS),
      };
      if (options.dryRun) return result;
      if (errors.length > 0) throw refusal(result);
      await upsertProducts(tx, ctx.orgId, rows);
      invalidateTechnicalReads(ctx);
      return result;
    }),
  );
}

function unitChangeErrors(rows: ImportRow[], existing: Map<string, { uom: string; inBoms: boolean }>): RowError[] {
  return rows.flatMap((row) => {
    const current = existing.get(row.code);
    if (!current || current.uom === row.uom || !current.inBoms) return [];
    return [{ row: row.row, column: 'uom', message: `${row.code} is used by BOMs in ${current.uom}; its unit cannot change` }];
  });
}

/** The 400 for a real import with errors: each error keeps row and column and gains a path. */
function refusal(result: ImportResult): AppError {
  const first = result.errors[0]!;
  const count = `${result.errorCount} error${result.errorCount > 1 ? 's' : ''}`;
  return new AppError(
    'VALIDATION',
    `${count} in the CSV, nothing was imported; first: row ${first.row}${first.column ? ` ${first.column}` : ''}: ${first.message}`,
    result.errors.map((error) => ({ path: error.column ? `rows.${error.row}.${error.column}` : `rows.${error.row}`, ...error })),
  );
}

const numericColumns = [csvHeader.indexOf('shelfLifeDays')];

/** Every product as CSV in the import's format, ordered by code; text a spreadsheet would run as a formula is defused. */
export async function exportProducts(ctx: RequestContext): Promise<string> {
  requirePermission(ctx, 'technical', 'read');
  // An export is a report: the read replica answers it when one may (tenancy.ts).
  const rows = await withTenantReadOnly(ctx, (tx) => selectExportRows(tx));
  const lines = [
    formatCsvRow([...csvHeader]),
    ...rows.map((row) => formatCsvRow([row.code, row.name, row.type, row.uom, row.shelfLifeDays, row.gtin, row.allergens], { numericColumns })),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** Parses and checks everything that needs no database: syntax, header, each field, codes repeated in the file. */
function readRows(csv: string, knownAllergens: Set<string>): { rows: ImportRow[]; errors: RowError[]; recordCount: number } {
  let records: CsvRecord[];
  try {
    records = parseCsv(csv);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { rows: [], errors: [{ row: error.row, column: null, message: error.message }], recordCount: 0 };
    throw error;
  }
  // The export puts a quote before text a spreadsheet would run as a formula; it comes off here, so files round-trip.
  records = records.map((record) => ({ ...record, fields: record.fields.map(undoFormulaDefusing) }));
  const header = records.shift();
  if (!header || header.fields.map((field) => field.trim()).join(',') !== csvHeader.join(',')) {
    return { rows: [], errors: [{ row: header?.row ?? 1, column: null, message: `the header must be exactly ${csvHeader.join(',')}` }], recordCount: 0 };
  }
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const firstRowOfCode = new Map<string, number>();
  const allergens = allergenList(knownAllergens);
  for (const record of records) {
    const checked = checkRecord(record, allergens);
    errors.push(...checked.errors);
    if (!checked.row) continue;
    const first = firstRowOfCode.get(checked.row.code);
    if (first !== undefined) {
      errors.push({ row: record.row, column: 'code', message: `${checked.row.code} appears again (first on row ${first})` });
      continue;
    }
    firstRowOfCode.set(checked.row.code, record.row);
    rows.push(checked.row);
  }
  return { rows, errors, recordCount: records.length };
}

function checkRecord(record: CsvRecord, allergens: z.ZodType<string[]>): { row: ImportRow | null; errors: RowError[] } {
  if (record.fields.length !== csvHeader.length) {
    return { row: null, errors: [{ row: record.row, column: null, message: `has ${record.fields.length} fields; expected ${csvHeader.length}` }] };
  }
  const errors: RowError[] = [];
  const field = <T>(column: CsvColumn, schema: z.ZodType<T>): T | undefined => {
    const parsed = schema.safeParse(record.fields[csvHeader.indexOf(column)]);
    if (parsed.success) return parsed.data;
    errors.push({ row: record.row, column, message: parsed.error.issues[0]?.message ?? 'is invalid' });
    return undefined;
  };
  const raw = (column: CsvColumn) => record.fields[csvHeader.indexOf(column)]!.trim();
  const row = {
    row: record.row,
    code: field('code', code),
    name: field('name', label),
    type: field('type', typeText),
    uom: field('uom', uomText),
    shelfLifeDays: raw('shelfLifeDays') === '' ? null : field('shelfLifeDays', shelfLifeText),
    gtin: raw('gtin') === '' ? null : field('gtin', gtinText),
    allergens: raw('allergens') === '' ? [] : field('allergens', allergens),
  };
  if (errors.length > 0) return { row: null, errors };
  return { row: row as ImportRow, errors };
}

const enumField = (values: readonly string[]) =>
  label.refine((value) => values.includes(value), `must be one of ${values.join(', ')}`) as unknown as z.ZodType<string>;
const typeText = enumField(productTypes);
const uomText = enumField(uoms);

const shelfLifeText = label
  .regex(/^\d+$/, 'must be a whole number of days')
  .refine((value) => Number(value) <= 36500, 'is too large')
  .transform(Number) as unknown as z.ZodType<number>;

const gtinText = label.refine(isValidGtin, gtinMessage);

/** Allergen codes separated by |, each one the organization knows. */
const allergenList = (known: Set<string>) =>
  label.transform((value, context) => {
    const codes = [...new Set(value.split('|').map((part) => part.trim().toLowerCase()).filter(Boolean))].sort();
    const unknown = codes.filter((allergen) => !allergenCode.safeParse(allergen).success || !known.has(allergen));
    if (unknown.length > 0) context.addIssue({ code: 'custom', message: `unknown allergen code${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` });
    return codes;
  }) as unknown as z.ZodType<string[]>;
