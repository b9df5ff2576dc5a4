import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import type { ProductionLine } from '../../api/floor-quality';
import { notifySuccess, useLookup } from '../../api/queries';
import type { WorkOrder } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { ProductPicker, useNames } from '../../components/Pickers';
import { QuantityInput } from '../../components/QuantityInput';
import { formatUnit, today } from '../../format';
import { MaterialAvailability } from './MaterialAvailability';

export function WorkOrderForm({ onClose, onCreated }: { onClose: () => void; onCreated: (order: WorkOrder) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const names = useNames();
  const lines = useLookup<ProductionLine>('/lines', { active: 'true' });
  const form = useForm<{ productId: string | null; plannedQty: number | string; scheduledDate: string; lineId: string | null }>({
    initialValues: { productId: null, plannedQty: '', scheduledDate: today(), lineId: null },
    validate: {
      productId: (value) => (value ? null : t('validation.required')),
      plannedQty: (value) => (Number(value) > 0 ? null : t('validation.positive')),
    },
  });
  // One availability read per pause in typing, not per keystroke.
  const [debouncedQty] = useDebouncedValue(form.values.plannedQty, 300);
  const create = useMutation({
    mutationFn: (values: typeof form.values) =>
      api<WorkOrder>('/work-orders', {
        method: 'POST',
        body: { productId: values.productId, plannedQty: Number(values.plannedQty), ...(values.scheduledDate ? { scheduledDate: values.scheduledDate } : {}), ...(values.lineId ? { lineId: values.lineId } : {}) },
      }),
    meta: { form },
    onSuccess: async (order) => {
      await invalidatePaths(queryClient, '/work-orders');
      notifySuccess(t('workOrders.created', { number: order.number }));
      onCreated(order);
    },
  });
  return (
    <FormModal opened onClose={onClose} title={t('workOrders.new')} size="md">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <ProductPicker types={['finished', 'intermediate']} label={t('fields.product')} required data-autofocus {...form.getInputProps('productId')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <QuantityInput
              label={t('fields.plannedQty')}
              required
              rightSection={<Text size="xs" c="dimmed">{formatUnit(names.product(form.values.productId)?.uom, i18n.language)}</Text>}
              {...form.getInputProps('plannedQty')}
            />
            <TextInput type="date" label={t('fields.scheduledDate')} {...form.getInputProps('scheduledDate')} />
          </SimpleGrid>
          {lines.items.length > 0 && (
            <Select
              label={t('lines.line')}
              placeholder={t('lines.noLine')}
              clearable
              data={lines.items.map((line) => ({ value: line.id, label: `${line.code} · ${line.name}` }))}
              {...form.getInputProps('lineId')}
            />
          )}
          <Text size="xs" c="dimmed">
            {t('workOrders.bomHint')}
          </Text>
          <MaterialAvailability productId={form.values.productId} plannedQty={Number(debouncedQty) || 0} scheduledDate={/^\d{4}-\d{2}-\d{2}$/.test(form.values.scheduledDate) ? form.values.scheduledDate : null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
