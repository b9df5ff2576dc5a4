// SSCC-18 layout (GS1 General Specifications 2.2.1): extension digit, company prefix,
// serial reference, check digit. The prefix and serial share 16 digits, so a longer prefix
// leaves a shorter serial.

import { gs1CheckDigit } from './check-digit.js';

export interface SsccParts {
  extensionDigit: number;
  /** The GS1 company prefix, 7 to 10 digits. */
  companyPrefix: string;
  serial: number | bigint;
}

/** The 18-digit SSCC for these parts; a RangeError when a part does not fit. */
export function makeSscc({ extensionDigit, companyPrefix, serial }: SsccParts): string {
  if (!Number.isInteger(extensionDigit) || extensionDigit < 0 || extensionDigit > 9) {
    throw new RangeError('extensionDigit must be a single digit 0 to 9');
  }
  if (!/^\d{7,10}$/.test(companyPrefix)) throw new RangeError('companyPrefix must be 7 to 10 digits');
  if (typeof serial === 'number' && !Number.isSafeInteger(serial)) throw new RangeError('serial must be a whole number');
  const serialValue = BigInt(serial);
  const serialDigits = 16 - companyPrefix.length;
  if (serialValue < 0n || serialValue >= 10n ** BigInt(serialDigits)) {
    throw new RangeError(`serial must be 0 to ${'9'.repeat(serialDigits)} with a ${companyPrefix.length}-digit company prefix`);
  }
  const data = `${extensionDigit}${companyPrefix}${serialValue.toString().padStart(serialDigits, '0')}`;
  return data + gs1CheckDigit(data);
}
