import { Anchor, Button, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { invalidatePaths } from '../../../api/invalidate';
import { notifySuccess } from '../../../api/queries';
import type { TerminalOrder } from '../../../api/terminal';
import { DataList } from '../../../components/DataList';
import { Section } from '../../../components/Detail';
import { useNames } from '../../../components/Pickers';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDateTime, formatQty } from '../../../format';

/** Every consumption with its plate, lot and, beyond the tolerance, the reason given; reversible while the order runs. */
export function ConsumptionsSection({ order, canWrite }: { order: TerminalOrder; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const queryClient = useQueryClient();
  const reverse = useMutation({
    mutationFn: (consumptionId: string) => api(`/work-orders/${order.id}/consumptions/${consumptionId}/reverse`, { method: 'POST', body: {} }),
    onSuccess: async () => {
      await invalidatePaths(queryClient, '/work-orders', '/license-plates');
      notifySuccess(t('terminal.reversed'));
    },
  });
  return (
    <Section title={t('workOrders.consumptions')}>
      <DataList
        rows={order.consumptions ?? []}
        rowKey={(consumption) => consumption.id}
        empty={t('workOrders.noConsumptions')}
        columns={[
          { key: 'product', header: t('fields.product'), render: (consumption) => names.productName(consumption.productId) },
          {
            key: 'lp',
            header: t('fields.lpNumber'),
            render: (consumption) => (
              <Anchor component={Link} to={`/license-plates/${consumption.licensePlateId}`} ff="monospace" fw={600} data-testid="consumption-lp">
                {consumption.licensePlateNumber ?? '…'}
              </Anchor>
            ),
          },
          { key: 'lot', header: t('fields.lot'), render: (consumption) => consumption.lot ?? '…' },
          { key: 'qty', header: t('fields.qty'), align: 'right', render: (consumption) => formatQty(consumption.qty, names.product(consumption.productId)?.uom, i18n.language) },
          { key: 'at', header: t('fields.when'), render: (consumption) => formatDateTime(consumption.createdAt, i18n.language) },
          {
            key: 'reason',
            header: t('terminal.overConsumption.reason'),
            render: (consumption) =>
              consumption.overConsumptionReason ? (
                <Text size="sm" c="orange.8" data-testid="consumption-reason">
                  {consumption.overConsumptionReason}
                </Text>
              ) : (
                '—'
              ),
          },
          {
            key: 'reverse',
            header: '',
            render: (consumption) =>
              consumption.reversed ? (
                <StatusBadge status="reversed" />
              ) : canWrite && order.status === 'in_progress' ? (
                <Button size="compact-sm" variant="subtle" color="orange" loading={reverse.isPending && reverse.variables === consumption.id} onClick={() => reverse.mutate(consumption.id)}>
                  {t('terminal.reverse')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Section>
  );
}
