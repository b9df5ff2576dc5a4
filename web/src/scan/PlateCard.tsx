import { Card, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LicensePlate } from '../api/types';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate, formatQty } from '../format';
import { useScanNames } from './lookups';

/** A scanned plate as the floor needs it: number, product, lot, expiry, quantity, place and state. */
export function PlateCard({ lp }: { lp: LicensePlate }) {
  const { t, i18n } = useTranslation();
  const names = useScanNames();
  return (
    <Card withBorder padding="sm" data-testid="plate-card">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={800} ff="monospace" size="xl">
          {lp.number}
        </Text>
        <Group gap={4}>
          <StatusBadge status={lp.status} />
          <StatusBadge status={lp.qaStatus} />
        </Group>
      </Group>
      <Text fw={600} size="lg">
        {names.productName(lp.productId)}
      </Text>
      <Text size="lg">
        {formatQty(lp.qty, lp.uom, i18n.language)} · {t('fields.lot')} {lp.lot}
      </Text>
      <Text size="lg">
        {formatDate(lp.expiryDate, i18n.language)} · {names.location(lp.locationId)?.code ?? '…'}
      </Text>
    </Card>
  );
}
