import { Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { invalidatePaths } from '../../../api/invalidate';
import { notifySuccess } from '../../../api/queries';
import type { TerminalConsumption, TerminalOrder } from '../../../api/terminal';
import { useNames } from '../../../components/Pickers';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDateTime, formatNumber, formatQty, formatUnit } from '../../../format';
import { signalSuccess } from '../../../scan/feedback';

/** What the order consumed, newest first, each reversible from the terminal (with a confirmation). */
export function ConsumptionList({ order, canReverse }: { order: TerminalOrder; canReverse: boolean }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const queryClient = useQueryClient();
  const consumptions = [...(order.consumptions ?? [])].reverse();
  const [asking, setAsking] = useState<TerminalConsumption | null>(null);
  const reverse = useMutation({
    mutationFn: (consumption: TerminalConsumption) => api(`/work-orders/${order.id}/consumptions/${consumption.id}/reverse`, { method: 'POST', body: {} }),
    onSuccess: async () => {
      signalSuccess();
      setAsking(null);
      notifySuccess(t('terminal.reversed'));
      await invalidatePaths(queryClient, '/work-orders', '/license-plates');
    },
  });
  const uomOf = (consumption: TerminalConsumption) => names.product(consumption.productId)?.uom ?? '';
  return (
    <Paper withBorder p="md">
      <Title order={3} mb="sm">
        {t('terminal.recent')}
      </Title>
      {consumptions.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('terminal.noneYet')}
        </Text>
      )}
      <Stack gap="xs">
        {consumptions.map((consumption) => (
          <Group key={consumption.id} justify="space-between" wrap="wrap" data-testid="terminal-consumption">
            <div>
              <Text fw={600} ff="monospace">
                {consumption.licensePlateNumber ?? '…'} · {formatQty(consumption.qty, uomOf(consumption), i18n.language)}
              </Text>
              <Text size="xs" c="dimmed">
                {names.productName(consumption.productId)} · {formatDateTime(consumption.createdAt, i18n.language)}
              </Text>
              {consumption.overConsumptionReason && (
                <Badge color="orange" variant="light" style={{ textTransform: 'none' }} data-testid="over-consumption-reason-shown">
                  {t('terminal.overConsumption.badge', { reason: consumption.overConsumptionReason })}
                </Badge>
              )}
            </div>
            {consumption.reversed ? (
              <StatusBadge status="reversed" />
            ) : canReverse ? (
              <Button size="md" variant="light" color="orange" leftSection={<IconArrowBackUp size={18} />} onClick={() => setAsking(consumption)} data-testid="terminal-reverse">
                {t('terminal.reverse')}
              </Button>
            ) : null}
          </Group>
        ))}
      </Stack>
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={asking ? t('terminal.reverseTitle', { qty: formatNumber(asking.qty, i18n.language), uom: formatUnit(uomOf(asking), i18n.language), number: asking.licensePlateNumber ?? '' }) : ''}
      >
        <Stack>
          <Text size="sm">{t('terminal.reverseHint')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              {t('actions.cancel')}
            </Button>
            <Button color="orange" loading={reverse.isPending} onClick={() => asking && reverse.mutate(asking)} data-testid="terminal-reverse-confirm">
              {t('terminal.reverse')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
