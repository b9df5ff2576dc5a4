import { ActionIcon, Alert, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess, useList, useRecord } from '../../api/queries';
import type { PurchaseOrder, Receipt } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { Section } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { LocationPicker, PartnerPicker, ProductPicker, useNames } from '../../components/Pickers';
import { QuantityInput } from '../../components/QuantityInput';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, formatNumber } from '../../format';
import { LicensePlateTable } from './LicensePlateTable';

interface Line {
  productId: string | null;
  poLineId: string | null;
  qty: number | string;
  lot: string;
  expiryDate: string;
  count: number | string;
}

interface Values {
  purchaseOrderId: string | null;
  supplierId: string | null;
  locationId: string | null;
  lines: Line[];
}

const emptyLine: Line = { productId: null, poLineId: null, qty: '', lot: '', expiryDate: '', count: 1 };

function ReceiptForm({ onReceived }: { onReceived: (receipt: Receipt) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const names = useNames();
  const [params] = useSearchParams();
  const openOrders = useList<PurchaseOrder>('/purchase-orders', {}, { limit: 200 });
  const receivable = openOrders.items.filter((order) => order.status === 'approved' || order.status === 'partially_received');
  const form = useForm<Values>({
    initialValues: { purchaseOrderId: params.get('purchaseOrderId'), supplierId: null, locationId: null, lines: [{ ...emptyLine }] },
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

  // Choosing an order fills one line per open order line, with what is still to come; once per
  // order, so that a refetch never wipes what the person has typed.
  const orderData = order.data;
  const setFieldValue = form.setFieldValue;
  const prefilledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!orderData || prefilledFor.current === orderData.id) return;
    prefilledFor.current = orderData.id;
    const open = orderData.lines.filter((line) => line.receivedQty < line.qty);
    setFieldValue(
      'lines',
      open.length > 0 ? open.map((line) => ({ ...emptyLine, productId: line.productId, poLineId: line.id, qty: Number((line.qty - line.receivedQty).toFixed(6)) })) : [{ ...emptyLine }],
    );
  }, [orderData, setFieldValue]);

  const receive = useMutation({
    mutationFn: (values: Values) =>
      api<Receipt>('/receipts', {
        method: 'POST',
        body: {
          ...(values.purchaseOrderId ? { purchaseOrderId: values.purchaseOrderId } : {}),
          ...(!values.purchaseOrderId && values.supplierId ? { supplierId: values.supplierId } : {}),
          locationId: values.locationId,
          lines: values.lines.map((line) => ({
            productId: line.productId,
            ...(values.purchaseOrderId && line.poLineId ? { poLineId: line.poLineId } : {}),
            qty: Number(line.qty),
            lot: line.lot.trim(),
            ...(line.expiryDate ? { expiryDate: line.expiryDate } : {}),
            ...(Number(line.count) > 1 ? { count: Number(line.count) } : {}),
          })),
        },
      }),
    meta: { form },
    onSuccess: async (receipt) => {
      await invalidatePaths(queryClient, '/receipts', '/purchase-orders', '/license-plates', '/stock');
      notifySuccess(t('receiving.done', { number: receipt.number, count: receipt.licensePlates.length }));
      onReceived(receipt);
    },
  });

  const poLineOptions = (orderData?.lines ?? []).map((line) => ({
    value: line.id,
    label: `${names.product(line.productId)?.code ?? ''} · ${formatNumber(line.receivedQty, i18n.language)} / ${formatNumber(line.qty, i18n.language)}`,
  }));

  return (
    <form onSubmit={form.onSubmit((values) => receive.mutate(values))} noValidate>
      <Stack>
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
            <PartnerPicker kind="suppliers" label={t('fields.supplier')} clearable {...form.getInputProps('supplierId')} />
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
        {form.values.lines.map((line, index) => (
          <Paper key={index} withBorder p="sm" data-testid={`receipt-line-${index}`}>
            <Group align="flex-start" gap="xs" wrap="wrap">
              {form.values.purchaseOrderId ? (
                <Select
                  label={t('fields.orderLine')}
                  data={poLineOptions}
                  style={{ flex: '2 1 200px' }}
                  {...form.getInputProps(`lines.${index}.poLineId`)}
                  onChange={(value) => {
                    form.setFieldValue(`lines.${index}.poLineId`, value);
                    const poLine = orderData?.lines.find((each) => each.id === value);
                    if (poLine) form.setFieldValue(`lines.${index}.productId`, poLine.productId);
                  }}
                />
              ) : null}
              <ProductPicker
                label={t('fields.product')}
                required
                disabled={Boolean(form.values.purchaseOrderId)}
                style={{ flex: '3 1 240px' }}
                {...form.getInputProps(`lines.${index}.productId`)}
              />
              <QuantityInput
                label={t('receiving.qtyPerPlate')}
                required
                rightSection={<Text size="xs" c="dimmed">{names.product(line.productId)?.uom ?? ''}</Text>}
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

export function ReceivingPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const [received, setReceived] = useState<Receipt | null>(null);
  const [formKey, setFormKey] = useState(0);
  const receipts = useList<Receipt>('/receipts', {}, { limit: 20 });
  return (
    <>
      <PageHeader title={t('nav.receiving')} description={t('receiving.description')} />
      <Stack>
        {received && (
          <Alert color="teal" variant="light" icon={<IconCircleCheck />} title={t('receiving.doneTitle', { number: received.number })} data-testid="receipt-result">
            <Stack gap="sm">
              <Text size="sm">{t('receiving.done', { number: received.number, count: received.licensePlates.length })}</Text>
              <LicensePlateTable plates={received.licensePlates} testId="received-plates" />
            </Stack>
          </Alert>
        )}
        {can('warehouse', 'write') && (
          <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
            <Title order={4} mb="sm">
              {t('receiving.newReceipt')}
            </Title>
            <ReceiptForm
              key={formKey}
              onReceived={(receipt) => {
                setReceived(receipt);
                setFormKey((key) => key + 1);
                window.scrollTo({ top: 0, behavior: 'smooth' });
              }}
            />
          </Paper>
        )}
        <Section title={t('receiving.recent')}>
          <QueryState query={receipts}>
            <DataList
              rows={receipts.items}
              rowKey={(receipt) => receipt.id}
              empty={t('receiving.noReceipts')}
              hasMore={receipts.hasNextPage}
              onLoadMore={() => void receipts.fetchNextPage()}
              columns={[
                { key: 'number', header: t('fields.number'), render: (receipt) => receipt.number },
                { key: 'at', header: t('fields.createdAt'), render: (receipt) => formatDateTime(receipt.createdAt, i18n.language) },
                { key: 'plates', header: t('fields.plates'), align: 'right', render: (receipt) => receipt.licensePlates.length },
                { key: 'lps', header: t('nav.licensePlates'), hideOnPhone: true, render: (receipt) => receipt.licensePlates.map((lp) => lp.number).join(', ') },
              ]}
            />
          </QueryState>
        </Section>
      </Stack>
    </>
  );
}
