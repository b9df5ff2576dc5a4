import { Card, Group, Paper, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useList } from '../../../api/queries';
import type { WorkOrder } from '../../../api/types';
import { useNames } from '../../../components/Pickers';
import { QueryState } from '../../../components/QueryState';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatNumber, formatUnit } from '../../../format';
import classes from '../Terminal.module.css';

/** Step one: pick a work order that is released, running or paused. */
export function PickWorkOrder({ base }: { base: string }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const navigate = useNavigate();
  const orders = useList<WorkOrder>('/work-orders', {}, { limit: 500 });
  const workable = orders.items.filter((order) => order.status === 'in_progress' || order.status === 'released' || order.status === 'on_hold');
  return (
    <QueryState query={orders}>
      {workable.length === 0 ? (
        <Paper withBorder p="xl">
          <Text c="dimmed" ta="center">
            {t('terminal.noOrders')}
          </Text>
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {workable.map((order) => (
            <UnstyledButton key={order.id} onClick={() => void navigate(`${base}/${order.id}`)} data-testid={`pick-${order.number}`}>
              <Card withBorder padding="md" className={classes.orderButton}>
                <Group justify="space-between">
                  <Text fw={700} ff="monospace" size="lg">
                    {order.number}
                  </Text>
                  <StatusBadge status={order.status} />
                </Group>
                <Text fw={500}>{names.productName(order.productId)}</Text>
                <Text size="sm" c="dimmed">
                  {t('workOrders.producedOf', {
                    produced: formatNumber(order.producedQty ?? 0, i18n.language),
                    planned: formatNumber(order.plannedQty, i18n.language),
                    uom: formatUnit(names.product(order.productId)?.uom, i18n.language),
                  })}
                </Text>
              </Card>
            </UnstyledButton>
          ))}
        </SimpleGrid>
      )}
    </QueryState>
  );
}
