import { Card, Group, List, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Unusable } from '../../../api/terminal';
import type { LicensePlate } from '../../../api/types';
import { useNames } from '../../../components/Pickers';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDate, formatQty } from '../../../format';

/** The plate just scanned, green only when it can go into this order; otherwise red, with every reason why not. */
export function ScannedPlateCard({ plate, reasons }: { plate: LicensePlate; reasons: Unusable[] }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const usable = reasons.length === 0;
  const describe = (reason: Unusable) => {
    switch (reason.kind) {
      case 'status':
        return t('terminal.unusable.status', { status: t(`status.${reason.status}` as 'status.draft', { defaultValue: reason.status }) });
      case 'qa':
        return t('terminal.unusable.qa', { qaStatus: t(`status.${reason.qaStatus}` as 'status.draft', { defaultValue: reason.qaStatus }) });
      case 'expired':
        return t('terminal.unusable.expired', { date: formatDate(reason.date, i18n.language) });
      default:
        return t(`terminal.unusable.${reason.kind}`);
    }
  };
  return (
    <Card withBorder bg={usable ? 'teal.0' : 'red.0'} style={{ borderColor: usable ? undefined : 'var(--mantine-color-red-5)' }} data-testid="scanned-lp" data-usable={usable}>
      <Group justify="space-between" wrap="wrap" align="flex-start">
        <div>
          <Text fw={700} ff="monospace" size="lg">
            {plate.number}
          </Text>
          <Text fw={500}>{names.productName(plate.productId)}</Text>
          <Text size="sm" c="dimmed">
            {t('fields.lot')} {plate.lot} · {formatDate(plate.expiryDate, i18n.language)} · {formatQty(plate.qty, plate.uom, i18n.language)}
          </Text>
        </div>
        <Group gap={4}>
          <StatusBadge status={plate.status} />
          <StatusBadge status={plate.qaStatus} />
        </Group>
      </Group>
      <Group gap="xs" mt="xs" wrap="nowrap" align="flex-start">
        <ThemeIcon size="sm" radius="xl" color={usable ? 'teal' : 'red'} variant="filled">
          {usable ? <IconCircleCheck size={14} /> : <IconAlertTriangle size={14} />}
        </ThemeIcon>
        {usable ? (
          <Text size="sm" fw={600} c="teal.8">
            {t('terminal.usable')}
          </Text>
        ) : (
          <div>
            <Text size="sm" fw={700} c="red.8">
              {t('terminal.cannotConsume')}
            </Text>
            <List size="sm" c="red.8" data-testid="unusable-reasons">
              {reasons.map((reason) => (
                <List.Item key={reason.kind}>{describe(reason)}</List.Item>
              ))}
            </List>
          </div>
        )}
      </Group>
    </Card>
  );
}
