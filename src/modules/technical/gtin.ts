import { hasValidCheckDigit } from '../../platform/gs1/index.js';

/** A GTIN-8, -12, -13 or -14 with its GS1 check digit (the mod-10 rule in platform/gs1). */
export function isValidGtin(value: string): boolean {
  return /^(\d{8}|\d{12,14})$/.test(value) && hasValidCheckDigit(value);
}

export const gtinMessage = 'must be 8, 12, 13 or 14 digits with a valid GS1 check digit';
