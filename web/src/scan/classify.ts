/** What a scanned code is, judged by its shape alone (a location is whatever is none of the others). */
export type ScanKind = 'lp' | 'location' | 'gs1' | 'sscc' | 'gtin';

export interface Scan {
  kind: ScanKind;
  code: string;
}

/** ASCII 29, the separator a scanner sends for FNC1 inside a GS1-128 or DataMatrix code. */
const GS = '\u001d';
/** Symbology identifiers a scanner may prefix: GS1-128, GS1 DataMatrix, GS1 QR. */
const GS1_PREFIX = /^\](C1|d2|Q3|e0)/;

export function classifyScan(raw: string): Scan {
  const code = raw.trim();
  if (code.startsWith('(') || GS1_PREFIX.test(code) || code.includes(GS)) return { kind: 'gs1', code };
  // Element strings without brackets: a GTIN (01) or contents (02) with more after it, or an SSCC with more.
  if (/^0[12]\d{14}\d+/.test(code) || /^00\d{18}.+/.test(code)) return { kind: 'gs1', code };
  if (/^LP\d+$/i.test(code)) return { kind: 'lp', code: code.toUpperCase() };
  // An SSCC as the plain 18 digits, or with its application identifier (00) in front.
  if (/^\d{18}$/.test(code)) return { kind: 'sscc', code };
  if (/^00\d{18}$/.test(code)) return { kind: 'sscc', code: code.slice(2) };
  if (/^(\d{8}|\d{12,14})$/.test(code)) return { kind: 'gtin', code };
  return { kind: 'location', code };
}

/** GTIN-8, -12 and -13 are GTIN-14 with leading zeros: compare them that way. */
export function gtin14(code: string): string {
  return code.padStart(14, '0');
}
