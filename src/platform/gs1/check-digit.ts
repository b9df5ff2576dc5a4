// The GS1 mod-10 check digit shared by GTIN-8/12/13/14, SSCC-18 and GLN: weights 3 and 1
// alternate from the rightmost data digit, so one function serves every length.

const digitsOnly = /^\d+$/;

/** The check digit that completes `digitsWithoutCheck` (GTIN, SSCC or GLN data digits). */
export function gs1CheckDigit(digitsWithoutCheck: string): string {
  if (!digitsOnly.test(digitsWithoutCheck)) throw new RangeError(`${digitsWithoutCheck} is not a string of digits`);
  let sum = 0;
  for (let i = 0; i < digitsWithoutCheck.length; i++) {
    const digit = digitsWithoutCheck.charCodeAt(digitsWithoutCheck.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** True when the last digit of `digits` is the GS1 check digit of the ones before it. */
export function hasValidCheckDigit(digits: string): boolean {
  if (digits.length < 2 || !digitsOnly.test(digits)) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === digits.slice(-1);
}
