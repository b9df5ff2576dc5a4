import { MultiSelect, NumberInput, SimpleGrid } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useList } from '../../api/queries';

/** A customer's dispatch rules as the form holds them. */
export interface RulesValues {
  minRemainingShelfLifeDays: number | string;
  excludedAllergens: string[];
}

export const initialRules = (record?: { minRemainingShelfLifeDays?: number | null; excludedAllergens?: string[] }): RulesValues => ({
  minRemainingShelfLifeDays: record?.minRemainingShelfLifeDays ?? '',
  excludedAllergens: record?.excludedAllergens ?? [],
});

export const rulesBody = (values: RulesValues) => ({
  minRemainingShelfLifeDays: values.minRemainingShelfLifeDays === '' ? null : Number(values.minRemainingShelfLifeDays),
  excludedAllergens: values.excludedAllergens,
});

/** The rules in a list cell: "≥ 5 days · no milk, eggs". */
export function customerRulesText(record: { minRemainingShelfLifeDays?: number | null; excludedAllergens?: string[] }, t: TFunction): string {
  const parts = [
    record.minRemainingShelfLifeDays != null ? t('partners.minShelfLifeShort', { count: record.minRemainingShelfLifeDays }) : null,
    record.excludedAllergens?.length ? t('partners.excludesShort', { codes: record.excludedAllergens.join(', ') }) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : '—';
}

/** Minimum remaining shelf life and excluded allergens (the organization's allergen list). */
export function CustomerRulesFields<T extends RulesValues>({ form }: { form: UseFormReturnType<T> }) {
  const { t } = useTranslation();
  const allergens = useList<{ code: string; name: string }>('/allergens');
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <NumberInput label={t('partners.minShelfLife')} min={0} max={3650} allowDecimal={false} data-testid="customer-min-shelf-life" {...form.getInputProps('minRemainingShelfLifeDays')} />
      <MultiSelect
        label={t('partners.excludedAllergens')}
        data={allergens.items.map((allergen) => ({ value: allergen.code, label: allergen.name }))}
        searchable
        clearable
        data-testid="customer-excluded-allergens"
        {...form.getInputProps('excludedAllergens')}
      />
    </SimpleGrid>
  );
}
