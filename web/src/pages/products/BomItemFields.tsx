import { ActionIcon, Group, Paper, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../api/types';
import { ProductPicker, useNames } from '../../components/Pickers';
import { QuantityInput } from '../../components/QuantityInput';
import { formatUnit } from '../../format';
import type { BomValues } from './bom-values';

/** One item of the BOM being edited: product, quantity in its unit, scrap, and a remove button. */
export function BomItemFields({ form, product, index }: { form: UseFormReturnType<BomValues>; product: Product; index: number }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const uom = names.product(form.values.items[index]?.productId ?? null)?.uom ?? '';
  return (
    <Paper withBorder p="xs" radius="md" data-testid={`bom-item-${index}`}>
      <Group align="flex-start" gap="xs" wrap="wrap">
        <ProductPicker
          label={t('fields.product')}
          exclude={[product.id]}
          required
          style={{ flex: '3 1 240px', minWidth: 0 }}
          data-testid={`bom-item-${index}-product`}
          {...form.getInputProps(`items.${index}.productId`)}
        />
        <QuantityInput
          label={t('fields.qty')}
          required
          rightSection={<Text size="sm" c="dimmed" pr={8}>{formatUnit(uom, i18n.language)}</Text>}
          style={{ flex: '1 1 110px', minWidth: 0 }}
          data-testid={`bom-item-${index}-qty`}
          {...form.getInputProps(`items.${index}.qty`)}
        />
        <QuantityInput
          label={t('bom.scrap')}
          max={99.99}
          decimals={2}
          suffix=" %"
          style={{ flex: '1 1 90px', minWidth: 0 }}
          data-testid={`bom-item-${index}-scrap`}
          {...form.getInputProps(`items.${index}.scrapPercent`)}
        />
        <ActionIcon
          variant="subtle"
          color="red"
          size={36}
          mt={25}
          aria-label={t('bom.removeItem')}
          disabled={form.values.items.length === 1}
          onClick={() => form.removeListItem('items', index)}
        >
          <IconTrash size={18} />
        </ActionIcon>
      </Group>
    </Paper>
  );
}
