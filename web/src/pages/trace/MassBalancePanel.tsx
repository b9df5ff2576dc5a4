import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { MassBalance } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { formatQty } from '../../format';

const figures = ['received', 'produced', 'consumed', 'shipped', 'adjusted', 'onHand'] as const;

/**
 * The lot's mass balance (GET /trace/mass-balance) beside the recall: what came in and went
 * out by the ledger, and what nothing explains, which an auditor wants to see at zero.
 */
export function MassBalancePanel({ productId, lot }: { productId: string; lot: string }) {
  const { t, i18n } = useTranslation();
  const balance = useQuery({
    queryKey: ['/trace/mass-balance', productId, lot],
    queryFn: ({ signal }) => api<MassBalance>('/trace/mass-balance', { query: { productId, lot }, signal }),
  });
  return (
    <QueryState query={balance}>
      {balance.data && (
        <Paper withBorder p="md" data-testid="mass-balance">
          <Stack gap="sm">
            <Group justify="space-between">
              <Text fw={700}>{t('trace.massBalance.title', { lot })}</Text>
              <Badge color={balance.data.unaccounted === 0 ? 'green' : 'red'} data-testid="mass-balance-status">
                {balance.data.unaccounted === 0 ? t('trace.massBalance.balanced') : t('trace.massBalance.unbalanced')}
              </Badge>
            </Group>
            <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }}>
              {[...figures, 'unaccounted' as const].map((figure) => (
                <Stack key={figure} gap={0} data-testid={`mass-balance-${figure}`}>
                  <Text size="xs" c="dimmed">
                    {t(`trace.massBalance.${figure}`)}
                  </Text>
                  <Text fw={figure === 'unaccounted' ? 700 : 500} c={figure === 'unaccounted' && balance.data.unaccounted !== 0 ? 'red' : undefined}>
                    {formatQty(balance.data[figure], balance.data.uom, i18n.language)}
                  </Text>
                </Stack>
              ))}
            </SimpleGrid>
          </Stack>
        </Paper>
      )}
    </QueryState>
  );
}
