import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess } from '../../api/queries';
import type { PurchaseOrder } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { PartnerPicker, ProductPicker, useNames } from '../../components/Pickers';
import { QuantityInput } from '../../components/QuantityInput';
import { formatUnit } from '../../format';

interface Line {
  productId: string | null;
  qty: number | string;
}

export function PurchaseOrderForm({ onClose, onCreated }: { onClose: () => void; onCreated: (order: PurchaseOrder) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const names = useNames();
  const form = useForm<{ supplierId: string | null; expectedDate: string; lines: Line[] }>({
    initialValues: { supplierId: null, expectedDate: '', lines: [{ productId: null, qty: '' }] },
    validate: {
      supplierId: (value) => (value ? null : t('validation.required')),
      lines: {
        productId: (value) => (value ? null : t('validation.required')),
        qty: (value) => (Number(value) > 0 ? null : t('validation.positive')),
      },
    },
  });
  const create = useMutation({
    mutationFn: (values: typeof form.values) =>
      api<PurchaseOrder>('/purchase-orders', {
        method: 'POST',
        body: {
          supplierId: values.supplierId,
          ...(values.expectedDate ? { expectedDate: values.expectedDate } : {}),
          lines: values.lines.map((line) => ({ productId: line.productId, qty: Number(line.qty) })),
        },
      }),
    meta: { form },
    onSuccess: async (order) => {
      await invalidatePaths(queryClient, '/purchase-orders');
      notifySuccess(t('purchasing.created', { number: order.number }));
      onCreated(order);
    },
  });
  return (
    <FormModal opened onClose={onClose} title={t('purchasing.new')} size="xl">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <Group grow align="flex-start" wrap="wrap">
            <PartnerPicker kind="suppliers" label={t('fields.supplier')} required miw={220} {...form.getInputProps('supplierId')} />
            <TextInput type="date" label={t('fields.expectedDate')} miw={160} {...form.getInputProps('expectedDate')} />
          </Group>
          <Text fw={600} size="sm">
            {t('purchasing.lines')}
          </Text>
          {form.values.lines.map((line, index) => (
            <Paper key={index} withBorder p="xs">
              <Group align="flex-start" wrap="wrap" gap="xs">
                <ProductPicker
                  types={['raw', 'packaging', 'intermediate']}
                  aria-label={t('fields.product')}
                  style={{ flex: '3 1 220px' }}
                  data-testid={`line-${index}-product`}
                  {...form.getInputProps(`lines.${index}.productId`)}
                />
                <QuantityInput
                  aria-label={t('fields.qty')}
                  placeholder={t('fields.qty')}
                  rightSection={<Text size="xs" c="dimmed">{formatUnit(names.product(line.productId)?.uom, i18n.language)}</Text>}
                  style={{ flex: '1 1 120px' }}
                  data-testid={`line-${index}-qty`}
                  {...form.getInputProps(`lines.${index}.qty`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size={36}
                  aria-label={t('actions.remove')}
                  disabled={form.values.lines.length === 1}
                  onClick={() => form.removeListItem('lines', index)}
                >
                  <IconTrash size={18} />
                </ActionIcon>
              </Group>
            </Paper>
          ))}
          {form.errors.lines && (
            <Text c="red" size="xs">
              {form.errors.lines}
            </Text>
          )}
          <Group justify="space-between">
            <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('lines', { productId: null, qty: '' })}>
              {t('purchasing.addLine')}
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('actions.create')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
