// Exact arithmetic on quantities in JavaScript, for the few places that must add or compare them
// outside SQL: a quantity (at most 6 decimals, see decimal.ts) as a whole number of millionths.

const SCALE = 6;

/** A quantity (JSON number or decimal text) as millionths. */
export function toMillionths(value: number | string): bigint {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RangeError(`${text} is no decimal quantity`);
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  if (fraction.replace(/0+$/, '').length > SCALE) throw new RangeError(`${text} has more than ${SCALE} decimals`);
  const units = BigInt(whole!) * 10n ** BigInt(SCALE) + BigInt(fraction.padEnd(SCALE, '0').slice(0, SCALE) || '0');
  return negative ? -units : units;
}

/** Millionths back as plain decimal text ('1.5', '0', '-0.000001'). */
export function fromMillionths(units: bigint): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(SCALE + 1, '0');
  const whole = digits.slice(0, -SCALE);
  const fraction = digits.slice(-SCALE).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** The smaller of two quantities in millionths. */
export const minUnits = (a: bigint, b: bigint): bigint => (a < b ? a : b);
