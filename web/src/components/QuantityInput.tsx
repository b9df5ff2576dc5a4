import { NumberInput, type NumberInputProps } from '@mantine/core';

/** The API's quantity rules (API.md): up to 6 decimals, at most 999,999,999.999999. */
export const QUANTITY_DECIMALS = 6;
export const MAX_QUANTITY = 999_999_999.999999;

export type QuantityInputProps = Omit<NumberInputProps, 'decimalScale' | 'min' | 'clampBehavior'> & {
  /** Decimals the field takes; a BOM item's scrap percent takes 2. */
  decimals?: number;
};

/**
 * Every quantity field of the app: 0 or more, the API's scale and maximum. A digit beyond
 * either cannot be typed (rather than clamped or rounded on blur, which would send a number
 * nobody typed). Mantine's defaults stay the locale behaviour: a decimal point in every
 * language, ',' typed as the point (Polish keyboards), no thousands separators.
 */
export function QuantityInput({ decimals = QUANTITY_DECIMALS, max = MAX_QUANTITY, ...props }: QuantityInputProps) {
  return <NumberInput min={0} max={max} decimalScale={decimals} clampBehavior="strict" {...props} />;
}
