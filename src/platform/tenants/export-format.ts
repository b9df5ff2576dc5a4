import { z } from 'zod';

/**
 * The organization export's file format (docs/tenant-export.md): gzip'd JSON Lines, a header
 * line, then one line per row. Kept in one place so that the writer, the reader and the
 * web download agree byte for byte.
 */
export const EXPORT_FORMAT = 'monopilot-organization';
export const EXPORT_VERSION = 1;
/** The name backups and downloads give the files. */
export const EXPORT_FILE_SUFFIX = '.mpx.gz';

const tableEntry = z
  .object({
    name: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a plain table name'),
    columns: z.array(z.string().min(1)).min(1),
    rows: z.number().int().nonnegative(),
    checksum: z.string().regex(/^-?\d+$/, 'a decimal integer'),
  })
  .strict();

export const exportHeaderSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    orgId: z.string().uuid(),
    name: z.string(),
    exportedAt: z.string().datetime({ offset: true }),
    tables: z.array(tableEntry),
  })
  .strict();

export type ExportHeader = z.infer<typeof exportHeaderSchema>;
export type ExportTable = ExportHeader['tables'][number];

/** Every row the header announces, all tables together (what a progress bar counts to). */
export const totalRows = (header: ExportHeader) => header.tables.reduce((sum, table) => sum + table.rows, 0);

/**
 * One row's line: the table's name, then the row exactly as the database wrote it
 * (row_to_json, numbers that must stay exact as strings). The key order is fixed so that a
 * reader can hand the row's text to the database untouched, never through a JS number.
 */
export function rowLine(table: string, rowJson: string): string {
  return `{"t":${JSON.stringify(table)},"r":${rowJson}}`;
}

/** The table and the row's untouched JSON text of a row line; null when the line is not one. */
export function parseRowLine(line: string): { table: string; rowJson: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  // Checked by hand, not by a schema: this runs once per row, millions of times.
  if (!isRecord(parsed) || typeof parsed.t !== 'string' || !isRecord(parsed.r) || Object.keys(parsed).length !== 2) return null;
  const prefix = `{"t":${JSON.stringify(parsed.t)},"r":`;
  if (!line.startsWith(prefix) || !line.endsWith('}')) return null;
  return { table: parsed.t, rowJson: line.slice(prefix.length, -1) };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
