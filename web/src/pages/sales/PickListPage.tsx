import { Button, Group, Stack, Table, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPrinter, IconScan } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess, useRecord } from '../../api/queries';
import type { PickList, SalesOrder } from '../../api/sales';
import { useSession } from '../../auth/session';
import { BackLink } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { useNames } from '../../components/Pickers';
import { QuantityInput } from '../../components/QuantityInput';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatNumber } from '../../format';
import classes from './PickListPage.module.css';

/** Confirms a pick by scan (LP number) or typed number, with the quantity taken. */
function PickForm({ list }: { list: PickList }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { barcode: '', qty: '' as number | string }, validate: { barcode: (value) => (value.trim() ? null : t('validation.required')), qty: (value) => (Number(value) > 0 ? null : t('validation.positive')) } });
  const confirm = useMutation({
    mutationFn: (values: typeof form.values) => api<PickList & { picked: { licensePlateNumber: string } }>(`/pick-lists/${list.id}/pick`, { method: 'POST', body: { barcode: values.barcode.trim(), qty: Number(values.qty) } }),
    meta: { form },
    onSuccess: async (result) => {
      await invalidatePaths(queryClient, '/pick-lists', '/sales-orders', '/license-plates');
      notifySuccess(t('sales.pickedPlate', { number: result.picked.licensePlateNumber }));
      form.reset();
    },
  });
  return (
    <form className="no-print" onSubmit={form.onSubmit((values) => confirm.mutate(values))} noValidate>
      <Group align="flex-end" wrap="wrap">
        <TextInput label={t('sales.scan')} leftSection={<IconScan size={16} />} data-autofocus data-testid="pick-barcode" {...form.getInputProps('barcode')} />
        <QuantityInput label={t('fields.qty')} data-testid="pick-qty" {...form.getInputProps('qty')} />
        <Button type="submit" loading={confirm.isPending} data-testid="pick-confirm">
          {t('sales.confirmPick')}
        </Button>
      </Group>
    </form>
  );
}

/** A pick list in walking order, printable (the form and buttons stay off paper). */
export function PickListPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { can } = useSession();
  const names = useNames();
  const list = useRecord<PickList>(`/pick-lists/${id}`);
  const order = useRecord<SalesOrder>(list.data ? `/sales-orders/${list.data.salesOrderId}` : null);
  const data = list.data;
  return (
    <>
      <PageHeader
        back={data && <BackLink to={`/sales-orders/${data.salesOrderId}`}>{order.data?.number ?? t('nav.salesOrders')}</BackLink>}
        title={data ? `${t('sales.pickList')} ${data.number}` : t('sales.pickList')}
        description={order.data && names.customer(order.data.customerId)}
        actions={
          <Button className="no-print" variant="default" leftSection={<IconPrinter size={18} />} onClick={() => window.print()} data-testid="print-pick-list">
            {t('terminal.print')}
          </Button>
        }
      />
      <QueryState query={list}>
        {data && (
          <Stack className={classes.sheet} data-testid="pick-list">
            <Group>
              <StatusBadge status={data.status} />
            </Group>
            {data.status === 'open' && can('shipping', 'write') && <PickForm list={data} />}
            <Table striped withTableBorder className={classes.table}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.location')}</Table.Th>
                  <Table.Th>{t('fields.lpNumber')}</Table.Th>
                  <Table.Th>{t('fields.product')}</Table.Th>
                  <Table.Th>{t('fields.lot')}</Table.Th>
                  <Table.Th ta="right">{t('fields.qty')}</Table.Th>
                  <Table.Th ta="right">{t('sales.picked')}</Table.Th>
                  <Table.Th className={classes.tick}>✓</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.lines.map((line) => (
                  <Table.Tr key={line.id} data-testid="pick-line">
                    <Table.Td fw={600}>{line.locationCode}</Table.Td>
                    <Table.Td>{line.licensePlateNumber}</Table.Td>
                    <Table.Td>{names.productName(line.productId)}</Table.Td>
                    <Table.Td>{line.lot}</Table.Td>
                    <Table.Td ta="right">{formatNumber(line.qty, i18n.language)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(line.pickedQty, i18n.language)}</Table.Td>
                    <Table.Td className={classes.tick}>{line.pickedQty >= line.qty ? '✓' : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
