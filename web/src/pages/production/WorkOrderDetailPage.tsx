import { Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useLiveEvent } from '../../api/events';
import type { ProductionLine } from '../../api/floor-quality';
import { invalidatePaths } from '../../api/invalidate';
import { useLookup, useRecord } from '../../api/queries';
import type { TerminalOrder } from '../../api/terminal';
import { useSession } from '../../auth/session';
import { BackLink, Facts, Section } from '../../components/Detail';
import { LiveBadge } from '../../components/LiveBadge';
import { PageHeader } from '../../components/PageHeader';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatNumber, formatQty } from '../../format';
import { ConsumptionsSection } from './detail/ConsumptionsSection';
import { HistorySection } from './detail/HistorySection';
import { MaterialsSection } from './detail/MaterialsSection';
import { OutputsSection } from './detail/OutputsSection';
import { TransitionButtons } from './detail/TransitionButtons';

export { useWorkOrderTransition } from './useWorkOrderTransition';

export function WorkOrderDetailPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { can } = useSession();
  const names = useNames();
  const lines = useLookup<ProductionLine>('/lines');
  const queryClient = useQueryClient();
  const order = useRecord<TerminalOrder>(`/work-orders/${id}`);
  useLiveEvent((event) => {
    if (event.data.id === id) void invalidatePaths(queryClient, `/work-orders/${id}`);
  }, 'work_order.updated');

  const data = order.data;
  const product = names.product(data?.productId);
  const canWrite = can('production', 'write');
  const qty = (value: number | undefined) => formatQty(value ?? 0, product?.uom, i18n.language);

  return (
    <>
      <PageHeader
        back={<BackLink to="/work-orders">{t('nav.workOrders')}</BackLink>}
        title={<span style={{ fontFamily: 'monospace' }}>{data?.number ?? '…'}</span>}
        description={product?.name}
        actions={
          data && (
            <>
              <LiveBadge />
              <TransitionButtons order={data} canWrite={canWrite} />
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
                  { label: t('fields.status'), value: <StatusBadge status={data.status} />, testId: 'wo-status' },
                  { label: t('fields.product'), value: product?.name ?? '…' },
                  { label: t('fields.plannedQty'), value: qty(data.plannedQty) },
                  { label: t('fields.producedQty'), value: qty(data.producedQty), testId: 'wo-produced' },
                  { label: t('fields.yield'), value: data.yieldPercent === null || data.yieldPercent === undefined ? '—' : `${formatNumber(data.yieldPercent, i18n.language, 2)} %` },
                  { label: t('fields.scheduledDate'), value: formatDate(data.scheduledDate, i18n.language) },
                  { label: t('lines.line'), value: data.lineId ? (lines.byId.get(data.lineId)?.code ?? '…') : t('lines.noLine'), testId: 'wo-line' },
                ]}
              />
            </Section>
            <MaterialsSection order={data} />
            <ConsumptionsSection order={data} canWrite={canWrite} />
            <OutputsSection order={data} />
            <HistorySection order={data} />
          </Stack>
        )}
      </QueryState>
    </>
  );
}
