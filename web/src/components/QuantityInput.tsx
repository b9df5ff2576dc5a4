import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

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
 * nobody typed). The decimal separator is the language's (`40,4` in Polish, as every other number on
 * screen is written); either '.' or ',' types it, whatever the keyboard; no thousands separators.
 */
export function QuantityInput({ decimals = QUANTITY_DECIMALS, max = MAX_QUANTITY, ...props }: QuantityInputProps) {
  const localeDecimals = useLocaleDecimals();
  return <NumberInput min={0} max={max} decimalScale={decimals} clampBehavior="strict" {...localeDecimals} {...props} />;
}

/** Props for any decimal NumberInput: the language's separator, typed with either key. */
export function useLocaleDecimals(): Pick<NumberInputProps, 'decimalSeparator' | 'allowedDecimalSeparators'> {
  const { i18n } = useTranslation();
  return { decimalSeparator: decimalSeparatorOf(i18n.language), allowedDecimalSeparators: ['.', ','] };
}

/** The language's decimal separator, as Intl writes it. */
export function decimalSeparatorOf(language: string): string {
  return new Intl.NumberFormat(language === 'pl' ? 'pl-PL' : 'en-GB').formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
}
