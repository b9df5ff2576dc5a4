// RFC 4180 CSV: comma-separated fields, double quotes around fields that hold commas,
// quotes or line breaks, a doubled quote for a quote inside. Small enough to own.

export interface CsvRecord {
  /** The record's number counting the header as 1, as a spreadsheet shows rows. */
  row: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

const isBreak = (char: string | undefined) => char === ',' || char === '\n' || char === '\r';

/** Splits CSV text into records; blank lines count as rows but yield no record; a leading byte order mark is ignored. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let row = 1;
  let fields: string[] = [];
  let anyQuoted = false;
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      anyQuoted = true;
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) throw new CsvSyntaxError(row, 'a quoted field is never closed');
        value += text.slice(i, close);
        i = close + 1;
        if (text[i] !== '"') break;
        value += '"';
        i++;
      }
      if (i < n && !isBreak(text[i])) throw new CsvSyntaxError(row, 'unexpected text after a closing quote');
    } else {
      const start = i;
      while (i < n && !isBreak(text[i])) i++;
      value = text.slice(start, i);
    }
    fields.push(value);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (fields.length > 1 || fields[0] !== '' || anyQuoted) records.push({ row, fields });
    fields = [];
    anyQuoted = false;
    if (i >= n) break;
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    if (i >= n) break;
    row++;
  }
  return records;
}

// A spreadsheet runs a cell starting with = + - @ (and, in some, tab or CR) as a formula:
// =HYPERLINK(...) in a product name becomes a link in whoever opens the export. Every such
// text cell gets a leading quote, which spreadsheets show as text. Text that already starts
// with quotes before one of those characters gets one more, so that taking exactly one quote
// off such cells (undoFormulaDefusing, for files read back) restores every value exactly.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const DEFUSED_FORMULA = /^'+[=+\-@\t\r]/;
/** A number as a numeric column may carry it (a negative one starts with -, a formula character). */
const DECIMAL = /^-?\d+(\.\d+)?$/;

export interface CsvRowOptions {
  /** Positions of the columns that hold numbers: their numbers are written as they are, negative ones too. */
  numericColumns?: readonly number[];
}

/**
 * One CSV line (without the line break), quoting only the fields that need it. Text a
 * spreadsheet would run as a formula is always defused; only numbers in columns declared
 * numeric are exempt, so a formula that reaches a numeric column is defused all the same.
 */
export function formatCsvRow(values: readonly (string | number | null)[], options: CsvRowOptions = {}): string {
  return values
    .map((value, column) => {
      if (value === null) return '';
      const isNumber = options.numericColumns?.includes(column) && (typeof value === 'number' ? Number.isFinite(value) : DECIMAL.test(value));
      const text = isNumber ? String(value) : defuseFormula(String(value));
      return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(',');
}

/** The text with a leading quote when a spreadsheet would otherwise run it as a formula. */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes defuseFormula for a field read from a CSV file we wrote: the one quote it added goes. */
export function undoFormulaDefusing(text: string): string {
  return DEFUSED_FORMULA.test(text) ? text.slice(1) : text;
}
