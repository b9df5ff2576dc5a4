import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, formatCsvRow, parseCsv, undoFormulaDefusing } from './csv.js';

describe('CSV parsing', () => {
  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    const records = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\nplain,,end\n');
    expect(records).toEqual([
      { row: 1, fields: ['a', 'b', 'c'] },
      { row: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { row: 3, fields: ['plain', '', 'end'] },
    ]);
  });

  it('numbers rows as a spreadsheet does: a quoted line break stays in its row, a blank line is a row of its own', () => {
    const records = parseCsv('h\n"multi\nline"\n\nlast');
    expect(records.map((record) => record.row)).toEqual([1, 2, 4]);
    expect(records[2]!.fields).toEqual(['last']);
  });

  it('ignores a byte order mark and reads a last line without a line break', () => {
    expect(parseCsv('\ufeffcode,name\nA,"B"')).toEqual([
      { row: 1, fields: ['code', 'name'] },
      { row: 2, fields: ['A', 'B'] },
    ]);
  });

  it('keeps a trailing empty field and a quoted empty field', () => {
    expect(parseCsv('a,\n""\n')).toEqual([
      { row: 1, fields: ['a', ''] },
      { row: 2, fields: [''] },
    ]);
  });

  it('refuses an unclosed quote, naming the row where the field began', () => {
    expect(() => parseCsv('h\nok\n"never closed\nmore')).toThrow(CsvSyntaxError);
    try {
      parseCsv('h\nok\n"never closed\nmore');
    } catch (error) {
      expect((error as CsvSyntaxError).row).toBe(3);
    }
  });

  it('refuses text after a closing quote', () => {
    expect(() => parseCsv('"a"b,c')).toThrow(/after a closing quote/);
  });
});

describe('CSV writing', () => {
  it('quotes only the fields that need it', () => {
    expect(formatCsvRow(['plain', 'a,b', 'say "hi"', 'line\nbreak', ' padded', null, 7], { numericColumns: [6] })).toBe('plain,"a,b","say ""hi""","line\nbreak"," padded",,7');
  });

  it('round-trips any table of strings through format, parse and undoing the defusing', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', 'ż', ',', '"', '\n', '\r', '\t', ' ', '|', '1', '=', '+', '-', '@', "'") });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (table) => {
        const text = table.map((row) => formatCsvRow(row)).join('\r\n');
        const read = parseCsv(text).map((record) => record.fields.map(undoFormulaDefusing));
        expect(read).toEqual(table.filter((row) => row.length > 1 || row[0] !== ''));
      }),
    );
  });
});

describe('CSV formula defusing', () => {
  it('puts a quote before every text cell a spreadsheet would run as a formula, whoever calls', () => {
    const cells = ['=HYPERLINK("http://evil.example","click")', '@SUM(A1:A9)', '+1+1', '-2+3', '\tcmd', '\rcmd', 'safe = text', "it's fine"];
    expect(parseCsv(formatCsvRow(cells))[0]!.fields).toEqual([
      `'=HYPERLINK("http://evil.example","click")`, "'@SUM(A1:A9)", "'+1+1", "'-2+3", "'\tcmd", "'\rcmd", 'safe = text', "it's fine",
    ]);
  });

  it('leaves the numbers of columns declared numeric as numbers, negative ones included', () => {
    expect(formatCsvRow(['-5', -5, -1.25, '-1.25', 3], { numericColumns: [1, 2, 3, 4] })).toBe("'-5,-5,-1.25,-1.25,3");
  });

  it('still defuses a formula in a column declared numeric, and a number in a column that is not', () => {
    expect(formatCsvRow(['=1+1', '-1+2', -5], { numericColumns: [0, 1] })).toBe("'=1+1,'-1+2,'-5");
  });

  it("adds one more quote to text that already starts with quotes before a formula character, so the import's undoing is exact", () => {
    expect(formatCsvRow(["'=x", "''+y", "'plain"])).toBe("''=x,'''+y,'plain");
    expect(["''=x", "'''+y", "'plain", "'=x", 'plain'].map(undoFormulaDefusing)).toEqual(["'=x", "''+y", "'plain", '=x', 'plain']);
  });
});
