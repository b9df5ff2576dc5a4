/**
 * GS1 check digit rule for GTIN-8, -12, -13 and -14: weights 3 and 1 alternate from
 * the digit next to the check digit leftwards; the check digit tops the sum up to a
 * multiple of ten.
 */
export function isValidGtin(value: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(value)) return false;
  const digits = [...value].map(Number);
  const check = digits.pop()!;
  const sum = digits.reverse().reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

export const gtinMessage = 'must be 8, 12, 13 or 14 digits with a valid GS1 check digit';
