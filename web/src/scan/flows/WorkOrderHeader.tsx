import { Badge, Card, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WorkOrder } from '../../api/types';
import { StatusBadge } from '../../components/StatusBadge';
import { formatNumber } from '../../format';
import { useScanNames } from '../lookups';

/** The running order: what it makes, how much so far, and each material's progress. */
export function WorkOrderHeader({ order }: { order: WorkOrder }) {
  const { t, i18n } = useTranslation();
  const names = useScanNames();
  const uom = names.product(order.productId)?.uom ?? '';
  return (
    <Card withBorder padding="sm" data-testid="work-order">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={800} ff="monospace" size="xl">
          {order.number}
        </Text>
        <StatusBadge status={order.status} />
      </Group>
      <Text fw={600} size="lg">
        {names.productName(order.productId)}
      </Text>
      <Text size="lg" data-testid="produced">
        {t('workOrders.producedOf', { produced: formatNumber(order.producedQty ?? 0, i18n.language), planned: formatNumber(order.plannedQty, i18n.language), uom })}
      </Text>
      <Group gap={6} mt={6}>
        {(order.materials ?? []).map((material) => (
          <Badge key={material.productId} size="lg" color={material.consumedQty >= material.requiredQty ? 'teal.8' : 'dark'} variant="outline" style={{ textTransform: 'none' }}>
            {names.product(material.productId)?.code ?? '…'}: {formatNumber(material.consumedQty, i18n.language)} / {formatNumber(material.requiredQty, i18n.language)}
          </Badge>
        ))}
      </Group>
    </Card>
  );
}
