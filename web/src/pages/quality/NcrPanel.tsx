import { Anchor, Card, Group, Paper, SimpleGrid, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ageInDays, ncrStatuses, type NcrSummary } from '../../api/quality';
import { statusColor } from '../../components/StatusBadge';

/** The dashboard's NCR panel: how many in each state, and how long the oldest open one has waited. */
export function NcrPanel() {
  const { t } = useTranslation();
  const summary = useQuery({ queryKey: ['/ncrs/summary'], queryFn: ({ signal }) => api<NcrSummary>('/ncrs/summary', { signal }), refetchInterval: 60_000, meta: { silent: true } });
  const data = summary.data;
  if (!data) return null;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} data-testid="dashboard-ncrs">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={4}>{t('ncrs.panel')}</Title>
        <Text size="sm" fw={600} c={data.oldestOpenAt ? 'orange.8' : 'dimmed'} data-testid="dashboard-ncrs-oldest">
          {data.oldestOpenAt ? t('ncrs.oldestOpen', { count: ageInDays(data.oldestOpenAt) }) : t('ncrs.noneOpen')}
        </Text>
      </Group>
      <SimpleGrid cols={4} spacing="xs">
        {ncrStatuses.map((status) => (
          <UnstyledButton key={status} component={Link} to={`/ncrs?status=${status}`}>
            <Card withBorder padding="xs" style={{ borderLeft: `4px solid var(--mantine-color-${statusColor(status)}-5)` }} data-testid={`dashboard-ncr-${status}`}>
              <Text size="xs" c="dimmed" fw={600} truncate>
                {t(`status.${status}`)}
              </Text>
              <Text fz={26} fw={700} lh={1.2} data-testid="count">
                {data.byStatus[status]}
              </Text>
            </Card>
          </UnstyledButton>
        ))}
      </SimpleGrid>
      <Anchor component={Link} to="/ncrs" size="sm" mt="xs" display="inline-block">
        {t('ncrs.all')}
      </Anchor>
    </Paper>
  );
}
