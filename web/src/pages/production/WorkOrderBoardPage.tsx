import { Badge, Button, Card, Group, Paper, Progress, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { Page } from '../../api/client';
import { useLiveEvent } from '../../api/events';
import { useList } from '../../api/queries';
import type { WorkOrder, WorkOrderStatus } from '../../api/types';
import { useSession } from '../../auth/session';
import { LiveBadge } from '../../components/LiveBadge';
import { PageHeader } from '../../components/PageHeader';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatNumber, formatUnit } from '../../format';
import { AvailabilityBadge } from './MaterialAvailability';
import { boardColumns } from './workOrderActions';
import { WorkOrderForm } from './WorkOrderForm';
import classes from './WorkOrderBoard.module.css';

function WorkOrderCard({ order, flash }: { order: WorkOrder; flash: boolean }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const navigate = useNavigate();
  const product = names.product(order.productId);
  const produced = order.producedQty ?? 0;
  return (
    <Card
      withBorder
      padding="sm"
      className={classes.card}
      data-flash={flash || undefined}
      onClick={() => void navigate(`/work-orders/${order.id}`)}
      data-testid={`wo-${order.number}`}
      data-status={order.status}
    >
      <Text fw={700} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
        {order.number}
      </Text>
      <Text size="sm" fw={500} lineClamp={2} mt={2}>
        {product?.name ?? '…'}
      </Text>
      <Group justify="space-between" gap={4} mt={4}>
        <Text size="xs" c="dimmed">
          {t('workOrders.producedOf', { produced: formatNumber(produced, i18n.language), planned: formatNumber(order.plannedQty, i18n.language), uom: formatUnit(product?.uom, i18n.language) })}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDate(order.scheduledDate, i18n.language)}
        </Text>
      </Group>
      {(order.status === 'planned' || order.status === 'released') && (
        <AvailabilityBadge productId={order.productId} plannedQty={order.plannedQty} bomId={order.bomId} scheduledDate={order.scheduledDate} />
      )}
      {produced > 0 && <Progress value={Math.min(100, (produced / order.plannedQty) * 100)} size="sm" mt={6} color="teal" />}
    </Card>
  );
}

/** Work orders grouped by status; another client's change moves a card here without a reload. */
export function WorkOrderBoardPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [showFinished, setShowFinished] = useState(() => params.get('finished') === '1');
  const [creating, setCreating] = useState(false);
  const [flashing, setFlashing] = useState<Set<string>>(new Set());
  const orders = useList<WorkOrder>('/work-orders', {}, { limit: 500 });

  // The thin event already says the new status: move the card at once, the refetch follows.
  useLiveEvent((event) => {
    const { id, status, producedQty } = event.data as { id?: string; status?: WorkOrderStatus; producedQty?: number };
    if (!id) return;
    queryClient.setQueriesData<InfiniteData<Page<WorkOrder>>>({ queryKey: ['/work-orders', 'list'] }, (data) =>
      data && {
        ...data,
        pages: data.pages.map((page) => ({
          ...page,
          items: page.items.map((order) => (order.id === id ? { ...order, ...(status ? { status } : {}), ...(producedQty !== undefined ? { producedQty } : {}) } : order)),
        })),
      },
    );
    setFlashing((previous) => new Set(previous).add(id));
  }, 'work_order.updated');
  useEffect(() => {
    if (flashing.size === 0) return;
    const timer = setTimeout(() => setFlashing(new Set()), 2500);
    return () => clearTimeout(timer);
  }, [flashing]);

  const columns: WorkOrderStatus[] = showFinished ? [...boardColumns, 'closed', 'cancelled'] : boardColumns;
  return (
    <>
      <PageHeader
        title={t('nav.workOrders')}
        description={t('workOrders.description')}
        actions={
          <>
            <LiveBadge />
            {can('production', 'write') && (
              <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="new-work-order">
                {t('workOrders.new')}
              </Button>
            )}
          </>
        }
      />
      <Group mb="md">
        <Switch label={t('workOrders.showFinished')} checked={showFinished} onChange={(event) => setShowFinished(event.currentTarget.checked)} />
      </Group>
      <QueryState query={orders}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: columns.length > 5 ? 4 : 5 }} spacing="sm" data-testid="board">
          {columns.map((status) => {
            const inColumn = orders.items.filter((order) => order.status === status);
            return (
              <Paper key={status} p="xs" bg="gray.1" radius="md" className={classes.column} data-testid={`column-${status}`}>
                <Group justify="space-between" mb="xs" px={4}>
                  <StatusBadge status={status} />
                  <Badge variant="white" color="gray" size="sm">
                    {inColumn.length}
                  </Badge>
                </Group>
                <Stack gap={6}>
                  {inColumn.length === 0 && (
                    <Text size="xs" c="dimmed" ta="center" py="sm">
                      {t('workOrders.emptyColumn')}
                    </Text>
                  )}
                  {inColumn.map((order) => (
                    <WorkOrderCard key={order.id} order={order} flash={flashing.has(order.id)} />
                  ))}
                </Stack>
              </Paper>
            );
          })}
        </SimpleGrid>
      </QueryState>
      {creating && <WorkOrderForm onClose={() => setCreating(false)} onCreated={(order) => void navigate(`/work-orders/${order.id}`)} />}
    </>
  );
}
