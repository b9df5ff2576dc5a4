import { Card, Group, Paper, SimpleGrid, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { workOrderStatuses, type Dashboard } from '../../api/types';
import { statusColor } from '../../components/StatusBadge';
import { formatDateTime } from '../../format';

/** Work orders by status, each a card that opens the list, with when the figures were read. */
export function WorkOrderCounts({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('nav.workOrders')}</Title>
        <Text size="xs" c="dimmed" data-testid="dashboard-generated">
          {t('dashboard.asOf', { time: formatDateTime(data.generatedAt, i18n.language) })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 2, xs: 4, lg: 7 }} spacing="xs">
        {workOrderStatuses.map((status) => (
          <UnstyledButton key={status} component={Link} to={`/work-orders${status === 'closed' || status === 'cancelled' ? '?finished=1' : ''}`}>
            <Card withBorder padding="xs" style={{ borderLeft: `4px solid var(--mantine-color-${statusColor(status)}-5)` }} data-testid={`dashboard-wo-${status}`}>
              <Text size="xs" c="dimmed" fw={600} truncate>
                {t(`status.${status}`)}
              </Text>
              <Text fz={26} fw={700} lh={1.2} data-testid="count">
                {data.workOrders.byStatus[status] ?? 0}
              </Text>
            </Card>
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
