// What a GS1 logistics label carries (GS1 Logistic Label Guideline): the SSCC on its own
// symbol at the bottom, the content's GTIN, best before and count above it, the lot on a
// third so that no symbol passes the 48 characters a GS1-128 scanner is sure to read.

import { writeGs1Date } from './dates.js';
import { checkElement, type Gs1Element } from './element.js';
import { Gs1Error } from './gs1-error.js';
import { GS } from './element-string.js';
import { encodeGs1 } from './encode.js';

export interface LogisticsLabel {
  sscc: string;
  contentGtin?: string;
  lot?: string;
  /** YYYY-MM-DD */
  bestBefore?: string;
  count?: number;
  companyName?: string;
  productName?: string;
}

export interface LabelContent {
  /** One element list per barcode, top to bottom; the SSCC's last. */
  symbols: Gs1Element[][];
  /** The readable facts above the bars: a caption and its value. */
  facts: { caption: string; value: string }[];
  heading: string[];
}

/** (15) from `YYYY-MM-DD`; checkElement then checks the day exists. */
function bestBeforeValue(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new Gs1Error('15', '(15) best before must be a date YYYY-MM-DD');
  return writeGs1Date(isoDate);
}

/** The label's symbols and readable lines, every element checked (a Gs1Error names a bad one). */
export function describeLabel(label: LogisticsLabel): LabelContent {
  const trade: Gs1Element[] = [];
  if (label.contentGtin) trade.push({ ai: '02', value: label.contentGtin });
  if (label.bestBefore) trade.push({ ai: '15', value: bestBeforeValue(label.bestBefore) });
  if (label.count !== undefined) trade.push({ ai: '37', value: String(label.count) });
  const lot: Gs1Element[] = label.lot ? [{ ai: '10', value: label.lot }] : [];
  const sscc: Gs1Element[] = [{ ai: '00', value: label.sscc }];
  const symbols = [trade, lot, sscc].filter((symbol) => symbol.length > 0);
  for (const element of symbols.flat()) checkElement(element);
  const facts = [
    { caption: 'SSCC', value: label.sscc },
    label.contentGtin && { caption: 'CONTENT', value: label.contentGtin },
    label.count !== undefined && { caption: 'COUNT', value: String(label.count) },
    label.bestBefore && { caption: 'BEST BEFORE', value: label.bestBefore },
    label.lot && { caption: 'BATCH/LOT', value: label.lot },
  ].filter((fact): fact is { caption: string; value: string } => Boolean(fact));
  const heading = [label.companyName, label.productName].filter((line): line is string => Boolean(line));
  return { symbols, facts, heading };
}

/** The line printed under a symbol: `(00) 106141411234567897`. */
export function symbolText(elements: Gs1Element[]): string {
  return elements.map(({ ai, value }) => `(${ai}) ${value}`).join(' ');
}

/**
 * What bwip-js is given for a symbol. Its gs1-128 encoder reads `(ai)value` and cannot take a
 * bracket inside a value, so such a symbol goes as plain Code 128 opening with FNC1 (which is
 * what GS1-128 is), FNC1 also ending each variable-length value but the last.
 */
export function bwipSymbol(elements: Gs1Element[]): { bcid: string; text: string; parsefnc?: boolean } {
  if (!elements.some(({ value }) => /[()]/.test(value))) {
    return { bcid: 'gs1-128', text: elements.map(({ ai, value }) => `(${ai})${value}`).join('') };
  }
  return { bcid: 'code128', text: `^FNC1${encodeGs1(elements, 'raw').replaceAll(GS, '^FNC1')}`, parsefnc: true };
}
