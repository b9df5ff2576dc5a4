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

/**
 * One CSV line (without the line break), quoting only the fields that need it. With
 * defuseFormulas, text a spreadsheet would run as a formula (= + - @ and control
 * characters first) gets a leading quote: for reports people open, not for files meant
 * to be imported back.
 */
export function formatCsvRow(values: (string | number | null)[], options: { defuseFormulas?: boolean } = {}): string {
  return values
    .map((value) => {
      let text = value === null ? '' : String(value);
      if (options.defuseFormulas && typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
      return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(',');
}
