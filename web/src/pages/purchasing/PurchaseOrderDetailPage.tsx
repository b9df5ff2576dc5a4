import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconCheck, IconTruckDelivery } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess, useList, useRecord } from '../../api/queries';
import type { PurchaseOrder, Receipt } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { BackLink, Facts, Section } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatDateTime, formatNumber, formatQty } from '../../format';
import { CancelOrderButton } from './CancelOrderButton';

export function PurchaseOrderDetailPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const names = useNames();
  const order = useRecord<PurchaseOrder>(`/purchase-orders/${id}`);
  const receipts = useList<Receipt>('/receipts', { purchaseOrderId: id });
  const act = useMutation({
    mutationFn: (action: 'approve' | 'cancel') => api<PurchaseOrder>(`/purchase-orders/${id}/${action}`, { method: 'POST' }),
    onSuccess: async (updated, action) => {
      await invalidatePaths(queryClient, '/purchase-orders');
      notifySuccess(t(action === 'approve' ? 'purchasing.approved' : 'purchasing.cancelled', { number: updated.number }));
    },
    // Refused because someone else changed the order meanwhile: show what it is now.
    onError: () => invalidatePaths(queryClient, '/purchase-orders'),
  });
  const data = order.data;
  const canWrite = can('planning', 'write');
  const receivable = data && (data.status === 'approved' || data.status === 'partially_received');

  return (
    <>
      <PageHeader
        back={<BackLink to="/purchase-orders">{t('nav.purchaseOrders')}</BackLink>}
        title={data?.number ?? t('nav.purchaseOrders')}
        description={data && names.supplier(data.supplierId)}
        actions={
          data && (
            <>
              {canWrite && data.status === 'draft' && (
                <Button leftSection={<IconCheck size={18} />} loading={act.isPending && act.variables === 'approve'} onClick={() => act.mutate('approve')} data-testid="approve">
                  {t('purchasing.approve')}
                </Button>
              )}
              {receivable && can('warehouse', 'write') && (
                <Button component={Link} to={`/receiving?purchaseOrderId=${data.id}`} leftSection={<IconTruckDelivery size={18} />} data-testid="receive">
                  {t('purchasing.receive')}
                </Button>
              )}
              {canWrite && (data.status === 'draft' || data.status === 'approved') && (
                <CancelOrderButton number={data.number} loading={act.isPending && act.variables === 'cancel'} onConfirm={() => act.mutate('cancel')} />
              )}
            </>
          )
        }
      />
      <QueryState query={order}>
        {data && (
          <Stack>
            <Section title={t('products.details')}>
              <Facts
                items={[
                  { label: t('fields.status'), value: <StatusBadge status={data.status} />, testId: 'po-status' },
                  { label: t('fields.supplier'), value: names.supplier(data.supplierId) },
                  { label: t('fields.expectedDate'), value: formatDate(data.expectedDate, i18n.language) },
                  { label: t('fields.createdAt'), value: formatDateTime(data.createdAt, i18n.language) },
                ]}
              />
            </Section>
            <Section title={t('purchasing.lines')}>
              <DataList
                rows={data.lines}
                rowKey={(line) => line.id}
                columns={[
                  { key: 'product', header: t('fields.product'), render: (line) => names.productName(line.productId) },
                  { key: 'qty', header: t('fields.ordered'), align: 'right', render: (line) => formatQty(line.qty, names.product(line.productId)?.uom, i18n.language) },
                  { key: 'received', header: t('fields.received'), align: 'right', render: (line) => formatQty(line.receivedQty, names.product(line.productId)?.uom, i18n.language) },
                  {
                    key: 'progress',
                    header: t('purchasing.progress'),
                    render: (line) => (
                      <Group gap="xs" wrap="nowrap">
                        <Progress value={Math.min(100, (line.receivedQty / line.qty) * 100)} w={90} color={line.receivedQty >= line.qty ? 'teal' : 'blue'} />
                        <Text size="xs" c="dimmed">
                          {formatNumber(Math.round((line.receivedQty / line.qty) * 100), i18n.language)} %
                        </Text>
                      </Group>
                    ),
                  },
                ]}
              />
            </Section>
            <Section title={t('receiving.receipts')}>
              <QueryState query={receipts}>
                <DataList
                  rows={receipts.items}
                  rowKey={(receipt) => receipt.id}
                  empty={t('receiving.noReceipts')}
                  columns={[
                    { key: 'number', header: t('fields.number'), render: (receipt) => receipt.number },
                    { key: 'at', header: t('fields.createdAt'), render: (receipt) => formatDateTime(receipt.createdAt, i18n.language) },
                    { key: 'lps', header: t('nav.licensePlates'), render: (receipt) => receipt.licensePlates.map((lp) => lp.number).join(', ') },
                  ]}
                />
              </QueryState>
            </Section>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
