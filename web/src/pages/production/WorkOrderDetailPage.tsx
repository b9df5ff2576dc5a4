import { Anchor, Button, Group, Modal, Stack, Text, TextInput, Timeline } from '@mantine/core';
import { IconDeviceTablet, IconPrinter } from '@tabler/icons-react';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useLiveEvent } from '../../api/events';
import { invalidatePaths } from '../../api/invalidate';
import type { ProductionLine } from '../../api/floor-quality';
import { notifySuccess, useLookup, useRecord } from '../../api/queries';
import type { LicensePlate, WorkOrder } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { BackLink, Facts, Section } from '../../components/Detail';
import { LiveBadge } from '../../components/LiveBadge';
import { PageHeader } from '../../components/PageHeader';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatDateTime, formatNumber, formatQty } from '../../format';
import { allowedTransitions, type Transition } from './workOrderActions';

const transitionColors: Partial<Record<Transition, string>> = { cancel: 'red', hold: 'orange', complete: 'green', close: 'dark' };

export function useWorkOrderTransition(id: string | undefined) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, reason }: { action: Transition; reason?: string }) => api<WorkOrder>(`/work-orders/${id}/${action}`, { method: 'POST', body: reason ? { reason } : {} }),
    onSuccess: async (order, { action }) => {
      await invalidatePaths(queryClient, '/work-orders', '/dashboard');
      notifySuccess(t(`workOrders.done.${action}`, { number: order.number }));
    },
  });
}

/** The numbers of the plates an order consumed (the consumption rows carry only ids); each plate is one cached read, shared with its own page. */
function useConsumedPlates(ids: string[]): Map<string, LicensePlate> {
  const unique = [...new Set(ids)];
  const plates = useQueries({
    queries: unique.map((id) => ({ queryKey: [`/license-plates/${id}`], queryFn: ({ signal }: { signal: AbortSignal }) => api<LicensePlate>(`/license-plates/${id}`, { signal }), staleTime: 60_000 })),
  });
  return new Map(plates.flatMap((plate) => (plate.data ? [[plate.data.id, plate.data] as const] : [])));
}

export function WorkOrderDetailPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { can } = useSession();
  const names = useNames();
  const lines = useLookup<ProductionLine>('/lines');
  const queryClient = useQueryClient();
  const order = useRecord<WorkOrder>(`/work-orders/${id}`);
  const transition = useWorkOrderTransition(id);
  const [asking, setAsking] = useState<Transition | null>(null);
  const [reason, setReason] = useState('');
  const reverse = useMutation({
    mutationFn: (consumptionId: string) => api(`/work-orders/${id}/consumptions/${consumptionId}/reverse`, { method: 'POST', body: {} }),
    onSuccess: async () => {
      await invalidatePaths(queryClient, '/work-orders', '/license-plates');
      notifySuccess(t('terminal.reversed'));
    },
  });
  useLiveEvent((event) => {
    if (event.data.id === id) void invalidatePaths(queryClient, `/work-orders/${id}`);
  }, 'work_order.updated');

  const data = order.data;
  const consumedPlates = useConsumedPlates((data?.consumptions ?? []).map((consumption) => consumption.licensePlateId));
  const product = names.product(data?.productId);
  const canWrite = can('production', 'write');
  const run = (action: Transition) => (action === 'hold' || action === 'cancel' ? setAsking(action) : transition.mutate({ action }));

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
              {canWrite &&
                allowedTransitions[data.status].map((action) => (
                  <Button
                    key={action}
                    color={transitionColors[action]}
                    variant={action === 'cancel' ? 'light' : 'filled'}
                    loading={transition.isPending && transition.variables?.action === action}
                    onClick={() => run(action)}
                    data-testid={`wo-${action}`}
                  >
                    {t(`workOrders.action.${action}`)}
                  </Button>
                ))}
              {(data.status === 'in_progress' || data.status === 'released') && (
                <Button component={Link} to={`/terminal/${data.id}`} variant="light" leftSection={<IconDeviceTablet size={18} />}>
                  {t('nav.terminal')}
                </Button>
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
                  { label: t('fields.status'), value: <StatusBadge status={data.status} />, testId: 'wo-status' },
                  { label: t('fields.product'), value: product?.name ?? '…' },
                  { label: t('fields.plannedQty'), value: formatQty(data.plannedQty, product?.uom, i18n.language) },
                  { label: t('fields.producedQty'), value: formatQty(data.producedQty ?? 0, product?.uom, i18n.language), testId: 'wo-produced' },
                  { label: t('fields.yield'), value: data.yieldPercent === null || data.yieldPercent === undefined ? '—' : `${formatNumber(data.yieldPercent, i18n.language, 2)} %` },
                  { label: t('fields.scheduledDate'), value: formatDate(data.scheduledDate, i18n.language) },
                  { label: t('lines.line'), value: data.lineId ? (lines.byId.get(data.lineId)?.code ?? '…') : t('lines.noLine'), testId: 'wo-line' },
                ]}
              />
            </Section>
            <Section title={t('workOrders.materials')}>
              <DataList
                rows={data.materials ?? []}
                rowKey={(material) => material.productId}
                empty={t('workOrders.noMaterials')}
                columns={[
                  { key: 'product', header: t('fields.product'), render: (material) => names.productName(material.productId) },
                  { key: 'required', header: t('fields.required'), align: 'right', render: (material) => formatQty(material.requiredQty, names.product(material.productId)?.uom, i18n.language) },
                  { key: 'consumed', header: t('fields.consumed'), align: 'right', render: (material) => formatQty(material.consumedQty, names.product(material.productId)?.uom, i18n.language) },
                  { key: 'usable', header: t('fields.usableStock'), align: 'right', render: (material) => formatQty(material.usableQty, names.product(material.productId)?.uom, i18n.language) },
                  {
                    key: 'variance',
                    header: t('fields.variance'),
                    align: 'right',
                    render: (material) => (material.variancePercent === null || material.variancePercent === undefined ? '—' : `${formatNumber(material.variancePercent, i18n.language, 2)} %`),
                  },
                ]}
              />
            </Section>
            <Section title={t('workOrders.consumptions')}>
              <DataList
                rows={data.consumptions ?? []}
                rowKey={(consumption) => consumption.id}
                empty={t('workOrders.noConsumptions')}
                columns={[
                  { key: 'product', header: t('fields.product'), render: (consumption) => names.productName(consumption.productId) },
                  {
                    key: 'lp',
                    header: t('fields.lpNumber'),
                    render: (consumption) => (
                      <Anchor component={Link} to={`/license-plates/${consumption.licensePlateId}`} ff="monospace" fw={600} data-testid="consumption-lp">
                        {consumedPlates.get(consumption.licensePlateId)?.number ?? '…'}
                      </Anchor>
                    ),
                  },
                  { key: 'lot', header: t('fields.lot'), render: (consumption) => consumedPlates.get(consumption.licensePlateId)?.lot ?? '…' },
                  { key: 'qty', header: t('fields.qty'), align: 'right', render: (consumption) => formatQty(consumption.qty, names.product(consumption.productId)?.uom, i18n.language) },
                  { key: 'at', header: t('fields.when'), render: (consumption) => formatDateTime(consumption.createdAt, i18n.language) },
                  {
                    key: 'reverse',
                    header: '',
                    render: (consumption) =>
                      consumption.reversed ? (
                        <StatusBadge status="reversed" />
                      ) : canWrite && data.status === 'in_progress' ? (
                        <Button size="compact-sm" variant="subtle" color="orange" loading={reverse.isPending && reverse.variables === consumption.id} onClick={() => reverse.mutate(consumption.id)}>
                          {t('terminal.reverse')}
                        </Button>
                      ) : null,
                  },
                ]}
              />
            </Section>
            <Section title={t('workOrders.outputs')}>
              <DataList
                rows={data.outputs ?? []}
                rowKey={(output) => output.id}
                empty={t('workOrders.noOutputs')}
                columns={[
                  {
                    key: 'lp',
                    header: t('fields.lpNumber'),
                    render: (output) => (
                      <Anchor component={Link} to={`/license-plates/${output.licensePlateId}`} ff="monospace" fw={600}>
                        {output.number}
                      </Anchor>
                    ),
                  },
                  { key: 'lot', header: t('fields.lot'), render: (output) => output.lot },
                  { key: 'expiry', header: t('fields.expiryDate'), render: (output) => formatDate(output.expiryDate, i18n.language) },
                  { key: 'qty', header: t('fields.qty'), align: 'right', render: (output) => formatQty(output.qty, product?.uom, i18n.language) },
                  {
                    key: 'label',
                    header: '',
                    render: (output) => (
                      <Button component={Link} to={`/labels/${output.licensePlateId}`} target="_blank" size="compact-sm" variant="subtle" leftSection={<IconPrinter size={14} />}>
                        {t('terminal.printLabel')}
                      </Button>
                    ),
                  },
                ]}
              />
            </Section>
            <Section title={t('workOrders.history')}>
              {(data.history ?? []).length === 0 ? (
                <Text c="dimmed" size="sm">
                  —
                </Text>
              ) : (
                <Timeline bulletSize={14} lineWidth={2} active={(data.history ?? []).length}>
                  {(data.history ?? []).map((entry, index) => (
                    <Timeline.Item key={index} title={<StatusBadge status={entry.to} />}>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(entry.at, i18n.language)}
                        {entry.reason ? ` · ${entry.reason}` : ''}
                      </Text>
                    </Timeline.Item>
                  ))}
                </Timeline>
              )}
            </Section>
          </Stack>
        )}
      </QueryState>
      <Modal opened={asking !== null} onClose={() => setAsking(null)} title={asking ? t(`workOrders.action.${asking}`) : ''}>
        <Stack>
          <TextInput label={t('fields.reason')} value={reason} onChange={(event) => setReason(event.currentTarget.value)} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              {t('actions.cancel')}
            </Button>
            <Button
              color={asking ? transitionColors[asking] : undefined}
              onClick={() => {
                if (asking) transition.mutate({ action: asking, reason: reason.trim() || undefined }, { onSuccess: () => setAsking(null) });
              }}
              loading={transition.isPending}
            >
              {asking ? t(`workOrders.action.${asking}`) : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
