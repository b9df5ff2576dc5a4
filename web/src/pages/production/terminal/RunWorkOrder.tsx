import { Alert, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLiveEvent } from '../../../api/events';
import { invalidatePaths } from '../../../api/invalidate';
import { useRecord } from '../../../api/queries';
import type { TerminalOrder } from '../../../api/terminal';
import { useSession } from '../../../auth/session';
import { useNames } from '../../../components/Pickers';
import { QueryState } from '../../../components/QueryState';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatNumber, formatUnit } from '../../../format';
import { ConsumePanel } from './ConsumePanel';
import { ConsumptionList } from './ConsumptionList';
import { OutputPanel } from './OutputPanel';
import { TerminalActions } from './TerminalActions';

/** The order being run: what it needs, its status and actions, and (while it runs) consume and output. */
export function RunWorkOrder({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const order = useRecord<TerminalOrder>(`/work-orders/${id}`);
  useLiveEvent((event) => {
    if (event.data.id === id) void invalidatePaths(queryClient, `/work-orders/${id}`);
  }, 'work_order.updated');
  const data = order.data;
  const canWrite = can('production', 'write');
  return (
    <QueryState query={order}>
      {data && (
        <Stack>
          <Paper withBorder p="md">
            <Group justify="space-between" wrap="wrap">
              <div>
                <Group gap="xs">
                  <Text fw={700} ff="monospace" size="xl">
                    {data.number}
                  </Text>
                  <StatusBadge status={data.status} />
                </Group>
                <Text fw={500}>{names.productName(data.productId)}</Text>
                <Text size="sm" c="dimmed" data-testid="terminal-produced">
                  {t('workOrders.producedOf', {
                    produced: formatNumber(data.producedQty ?? 0, i18n.language),
                    planned: formatNumber(data.plannedQty, i18n.language),
                    uom: formatUnit(names.product(data.productId)?.uom, i18n.language),
                  })}
                </Text>
              </div>
              {canWrite && <TerminalActions order={data} />}
            </Group>
            {(data.materials ?? []).length > 0 && (
              <Group gap="xs" mt="sm">
                {(data.materials ?? []).map((material) => (
                  <Badge
                    key={material.productId}
                    size="lg"
                    variant="light"
                    color={material.consumedQty > material.requiredQty ? 'orange' : material.consumedQty >= material.requiredQty ? 'teal' : 'gray'}
                    style={{ textTransform: 'none' }}
                    data-testid="terminal-material"
                  >
                    {names.product(material.productId)?.code ?? '…'}: {formatNumber(material.consumedQty, i18n.language)} / {formatNumber(material.requiredQty, i18n.language)}
                  </Badge>
                ))}
              </Group>
            )}
          </Paper>
          {data.status === 'in_progress' ? (
            <>
              <ConsumePanel order={data} />
              <OutputPanel order={data} />
            </>
          ) : (
            <Alert color="gray" variant="light">
              {t('terminal.notRunning')}
            </Alert>
          )}
          {(data.consumptions ?? []).length > 0 && <ConsumptionList order={data} canReverse={canWrite && data.status !== 'closed' && data.status !== 'cancelled'} />}
        </Stack>
      )}
    </QueryState>
  );
}
