import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess, useList, useRecord } from '../../api/queries';
import type { PurchaseOrder, Receipt } from '../../api/types';
import { LocationPicker, PartnerPicker, useNames } from '../../components/Pickers';
import { emptyLine, isReceivable, openLinesOf, receiptBody, type ReceiptValues } from './receipt-values';
import { ReceiptLineFields } from './ReceiptLineFields';

/**
 * A new receipt, against a purchase order (its open lines filled in) or without one. `purchaseOrderId`
 * is where to start; an order that takes no more receipts (fully received, cancelled) is let go, so the
 * form never stays bound to an order it cannot receive against.
 */
export function ReceiptForm({ purchaseOrderId, onReceived }: { purchaseOrderId: string | null; onReceived: (receipt: Receipt) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const names = useNames();
  const openOrders = useList<PurchaseOrder>('/purchase-orders', {}, { limit: 200 });
  const receivable = openOrders.items.filter(isReceivable);
  const form = useForm<ReceiptValues>({
    initialValues: { purchaseOrderId, supplierId: null, locationId: null, lines: [{ ...emptyLine }] },
    validate: {
      locationId: (value) => (value ? null : t('validation.required')),
      lines: {
        productId: (value) => (value ? null : t('validation.required')),
        qty: (value) => (Number(value) > 0 ? null : t('validation.positive')),
        lot: (value) => (value.trim() ? null : t('validation.required')),
        count: (value) => (Number.isInteger(Number(value)) && Number(value) >= 1 ? null : t('validation.atLeastOne')),
      },
    },
  });
  const order = useRecord<PurchaseOrder>(form.values.purchaseOrderId ? `/purchase-orders/${form.values.purchaseOrderId}` : null);
  const orderData = order.data?.id === form.values.purchaseOrderId ? order.data : undefined;
  const [letGo, setLetGo] = useState<PurchaseOrder | null>(null);

  // Choosing an order fills its open lines; once per order, so that a refetch never wipes what was typed.
  const setValues = form.setValues;
  const prefilledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!orderData || prefilledFor.current === orderData.id) return;
    prefilledFor.current = orderData.id;
    if (!isReceivable(orderData)) {
      setLetGo(orderData);
      setValues({ purchaseOrderId: null, supplierId: null, lines: [{ ...emptyLine }] });
      return;
    }
    setLetGo(null);
    setValues({ lines: openLinesOf(orderData) });
  }, [orderData, setValues]);

  const receive = useMutation({
    mutationFn: (values: ReceiptValues) => api<Receipt>('/receipts', { method: 'POST', body: receiptBody(values) }),
    meta: { form },
    onSuccess: async (receipt) => {
      await invalidatePaths(queryClient, '/receipts', '/purchase-orders', '/license-plates', '/stock');
      notifySuccess(t('receiving.done', { number: receipt.number, count: receipt.licensePlates.length }));
      onReceived(receipt);
    },
  });

  return (
    <form onSubmit={form.onSubmit((values) => receive.mutate(values))} noValidate>
      <Stack>
        {letGo && (
          <Alert color="blue" variant="light" data-testid="receipt-order-let-go">
            {t('planner.orderNotReceivable', { number: letGo.number, status: t(`status.${letGo.status}` as never) })}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('fields.purchaseOrder')}
            placeholder={t('receiving.withoutOrder')}
            data={receivable.map((po) => ({ value: po.id, label: `${po.number} · ${names.supplier(po.supplierId)}` }))}
            clearable
            searchable
            data-testid="receipt-po"
            {...form.getInputProps('purchaseOrderId')}
          />
          {form.values.purchaseOrderId ? (
            <TextInput label={t('fields.supplier')} value={orderData ? names.supplier(orderData.supplierId) : ''} readOnly />
          ) : (
            <PartnerPicker kind="suppliers" label={t('fields.supplier')} clearable data-testid="receipt-supplier" {...form.getInputProps('supplierId')} />
          )}
          <LocationPicker label={t('fields.location')} required data-testid="receipt-location" {...form.getInputProps('locationId')} />
        </SimpleGrid>
        <Group gap="xs" align="baseline">
          <Text fw={600} size="sm">
            {t('receiving.lines')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('receiving.expiryDefault')}
          </Text>
        </Group>
        {form.values.lines.map((_line, index) => (
          <ReceiptLineFields key={index} form={form} index={index} order={orderData} />
        ))}
        {form.errors.lines && (
          <Text c="red" size="sm">
            {form.errors.lines}
          </Text>
        )}
        <Group justify="space-between">
          <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('lines', { ...emptyLine })}>
            {t('purchasing.addLine')}
          </Button>
          <Button type="submit" size="md" loading={receive.isPending} data-testid="receive-submit">
            {t('receiving.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
