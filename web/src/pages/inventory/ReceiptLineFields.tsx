import { ActionIcon, Group, NumberInput, Paper, Select, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PurchaseOrder } from '../../api/types';
import { ProductPicker, useNames } from '../../components/Pickers';
import { QuantityInput } from '../../components/QuantityInput';
import { formatNumber, formatUnit } from '../../format';
import type { ReceiptValues } from './receipt-values';

/** One line of a receipt: the order line (when against an order), product, quantity per plate, plates, lot, expiry. */
export function ReceiptLineFields({ form, index, order }: { form: UseFormReturnType<ReceiptValues>; index: number; order: PurchaseOrder | undefined }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const line = form.values.lines[index]!;
  const againstOrder = Boolean(form.values.purchaseOrderId);
  const poLineOptions = (order?.lines ?? []).map((each) => ({
    value: each.id,
    label: `${names.product(each.productId)?.code ?? ''} · ${formatNumber(each.receivedQty, i18n.language)} / ${formatNumber(each.qty, i18n.language)}`,
  }));
  return (
    <Paper withBorder p="sm" data-testid={`receipt-line-${index}`}>
      <Group align="flex-start" gap="xs" wrap="wrap">
        {againstOrder ? (
          <Select
            label={t('fields.orderLine')}
            data={poLineOptions}
            style={{ flex: '2 1 200px' }}
            {...form.getInputProps(`lines.${index}.poLineId`)}
            onChange={(value) => {
              form.setFieldValue(`lines.${index}.poLineId`, value);
              const poLine = order?.lines.find((each) => each.id === value);
              if (poLine) form.setFieldValue(`lines.${index}.productId`, poLine.productId);
            }}
          />
        ) : null}
        <ProductPicker label={t('fields.product')} required disabled={againstOrder} style={{ flex: '3 1 240px' }} {...form.getInputProps(`lines.${index}.productId`)} />
        <QuantityInput
          label={t('receiving.qtyPerPlate')}
          required
          rightSection={<Text size="xs" c="dimmed">{formatUnit(names.product(line.productId)?.uom, i18n.language)}</Text>}
          style={{ flex: '1 1 130px' }}
          {...form.getInputProps(`lines.${index}.qty`)}
        />
        <NumberInput label={t('fields.plates')} min={1} max={1000} allowDecimal={false} style={{ flex: '0 1 96px' }} {...form.getInputProps(`lines.${index}.count`)} />
        <TextInput label={t('fields.lot')} required style={{ flex: '1 1 140px' }} {...form.getInputProps(`lines.${index}.lot`)} />
        <TextInput type="date" label={t('fields.expiryDate')} style={{ flex: '1 1 150px' }} {...form.getInputProps(`lines.${index}.expiryDate`)} />
        <ActionIcon
          variant="subtle"
          color="red"
          size={36}
          mt={25}
          aria-label={t('actions.remove')}
          disabled={form.values.lines.length === 1}
          onClick={() => form.removeListItem('lines', index)}
        >
          <IconTrash size={18} />
        </ActionIcon>
      </Group>
    </Paper>
  );
}
