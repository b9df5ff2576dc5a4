import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCreate } from '../../api/mutations';
import type { SalesOrder } from '../../api/sales';
import { FormModal } from '../../components/FormModal';
import { PartnerPicker, ProductPicker, useNames } from '../../components/Pickers';
import { QuantityInput } from '../../components/QuantityInput';
import { formatUnit } from '../../format';

interface Line {
  productId: string | null;
  qty: number | string;
}

/** A new draft sales order: a customer, a requested date, and one line per product. */
export function SalesOrderForm({ onClose, onCreated }: { onClose: () => void; onCreated: (order: SalesOrder) => void }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const form = useForm<{ customerId: string | null; requestedDate: string; lines: Line[] }>({
    initialValues: { customerId: null, requestedDate: '', lines: [{ productId: null, qty: '' }] },
    validate: {
      customerId: (value) => (value ? null : t('validation.required')),
      lines: {
        productId: (value) => (value ? null : t('validation.required')),
        qty: (value) => (Number(value) > 0 ? null : t('validation.positive')),
      },
    },
  });
  const create = useCreate<typeof form.values, SalesOrder>('/sales-orders', {
    body: (values) => ({
      customerId: values.customerId,
      ...(values.requestedDate ? { requestedDate: values.requestedDate } : {}),
      lines: values.lines.map((line) => ({ productId: line.productId, qty: Number(line.qty) })),
    }),
    form,
    success: (order) => t('sales.created', { number: order.number }),
    onDone: onCreated,
  });
  return (
    <FormModal opened onClose={onClose} title={t('sales.new')} size="xl">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <Group grow align="flex-start" wrap="wrap">
            <PartnerPicker kind="customers" label={t('fields.customer')} required miw={220} data-testid="so-customer" {...form.getInputProps('customerId')} />
            <TextInput type="date" label={t('sales.requestedDate')} miw={160} {...form.getInputProps('requestedDate')} />
          </Group>
          <Text fw={600} size="sm">
            {t('purchasing.lines')}
          </Text>
          {form.values.lines.map((line, index) => (
            <Paper key={index} withBorder p="xs">
              <Group align="flex-start" wrap="wrap" gap="xs">
                <ProductPicker
                  types={['finished', 'intermediate', 'raw', 'packaging']}
                  aria-label={t('fields.product')}
                  style={{ flex: '3 1 220px' }}
                  data-testid={`so-line-${index}-product`}
                  {...form.getInputProps(`lines.${index}.productId`)}
                />
                <QuantityInput
                  aria-label={t('fields.qty')}
                  placeholder={t('fields.qty')}
                  rightSection={<Text size="xs" c="dimmed">{formatUnit(names.product(line.productId)?.uom, i18n.language)}</Text>}
                  style={{ flex: '1 1 120px' }}
                  data-testid={`so-line-${index}-qty`}
                  {...form.getInputProps(`lines.${index}.qty`)}
                />
                <ActionIcon variant="subtle" color="red" size={36} aria-label={t('actions.remove')} disabled={form.values.lines.length === 1} onClick={() => form.removeListItem('lines', index)}>
                  <IconTrash size={18} />
                </ActionIcon>
              </Group>
            </Paper>
          ))}
          <Group justify="space-between">
            <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('lines', { productId: null, qty: '' })}>
              {t('purchasing.addLine')}
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="so-create">
                {t('actions.create')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
