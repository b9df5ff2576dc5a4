// What a GS1 element string says, in the names the rest of MonoPilot uses.

import { readGs1Date } from './dates.js';
import type { Gs1Element } from './element.js';
import { readElementString } from './element-string.js';
import { Gs1Error } from './gs1-error.js';

export interface Gs1Elements {
  gtin?: string;
  sscc?: string;
  contentGtin?: string;
  lot?: string;
  serial?: string;
  bestBefore?: string;
  expiryDate?: string;
  productionDate?: string;
  packagingDate?: string;
  /** From (310n): kilograms with the decimal indicator applied. */
  netWeightKg?: number;
  /** From (320n), as given: pounds are not converted, since an exact kilogram figure would exceed six decimals. */
  netWeightLb?: number;
  /** From (37): trade items in a logistic unit. */
  count?: number;
  /** From (30): items in a variable-measure trade item. */
  variableCount?: number;
  /** Every element as read, in order, values as in the barcode. */
  elements: Gs1Element[];
}

export interface ParseOptions {
  /** The day the century of a two-digit year is judged from; now by default. */
  today?: Date;
}

type DateField = 'bestBefore' | 'expiryDate' | 'productionDate' | 'packagingDate';
const dateFields: Record<string, DateField> = { '11': 'productionDate', '13': 'packagingDate', '15': 'bestBefore', '17': 'expiryDate' };
const textFields: Record<string, 'sscc' | 'gtin' | 'contentGtin' | 'lot' | 'serial'> = {
  '00': 'sscc',
  '01': 'gtin',
  '02': 'contentGtin',
  '10': 'lot',
  '21': 'serial',
};

/** A measure's value with its decimal indicator (the AI's fourth digit) applied: 3103 000125 is 0.125. */
export function measureValue(ai: string, value: string): number {
  const decimals = Number(ai[3]);
  const whole = value.slice(0, value.length - decimals) || '0';
  return Number(decimals === 0 ? whole : `${whole}.${value.slice(value.length - decimals)}`);
}

/** Reads a GS1-128 / DataMatrix element string, human-readable or raw; a Gs1Error names the element at fault. */
export function parseGs1(barcode: string, options: ParseOptions = {}): Gs1Elements {
  const today = options.today ?? new Date();
  const elements = readElementString(barcode, today);
  const result: Gs1Elements = { elements };
  const seen = new Set<string>();
  for (const { ai, value } of elements) {
    if (seen.has(ai)) throw new Gs1Error(ai, `(${ai}) appears more than once`);
    seen.add(ai);
    const textField = textFields[ai];
    const dateField = dateFields[ai];
    if (textField) result[textField] = value;
    else if (dateField) result[dateField] = readGs1Date(ai, value, today);
    else if (ai === '37') result.count = Number(value);
    else if (ai === '30') result.variableCount = Number(value);
    else if (ai.startsWith('310')) result.netWeightKg = measureValue(ai, value);
    else if (ai.startsWith('320')) result.netWeightLb = measureValue(ai, value);
  }
  return result;
}
