import { Anchor, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Dashboard, OrgSettings } from '../../api/types';
import { useNames } from '../../components/Pickers';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatQty } from '../../format';
import { daysUntil, Panel, PlateRows, Row } from './DashboardParts';

/** Today's output, plates about to expire, plates on hold and open purchase orders, side by side. */
export function DashboardPanels({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const settings = useQuery({ queryKey: ['/settings'], queryFn: ({ signal }) => api<OrgSettings>('/settings', { signal }), meta: { silent: true } });
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Panel title={t('dashboard.outputToday')} testId="dashboard-output" rows={data.outputToday.length} empty={t('dashboard.noOutputToday')}>
        {data.outputToday.map((line) => (
          <Row
            key={line.productId}
            testId="dashboard-output-line"
            left={
              <>
                <Anchor component={Link} to={`/products/${line.productId}`} size="sm" fw={600}>
                  {line.productName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {line.productCode}
                </Text>
              </>
            }
            right={
              <Text fw={700}>
                {formatQty(line.qty, line.uom, i18n.language)}
              </Text>
            }
          />
        ))}
      </Panel>
      <Panel
        title={t('dashboard.expiring', { days: settings.data?.expiryWarningDays ?? '…' })}
        count={data.expiringLicensePlates.count}
        testId="dashboard-expiring"
        rows={data.expiringLicensePlates.items.length}
        empty={t('dashboard.noExpiring')}
        more={data.expiringLicensePlates.count > data.expiringLicensePlates.items.length ? { to: '/license-plates', label: t('dashboard.more', { count: data.expiringLicensePlates.count - data.expiringLicensePlates.items.length }) } : undefined}
      >
        <PlateRows plates={data.expiringLicensePlates.items} withExpiry />
      </Panel>
      <Panel
        title={t('dashboard.onHold')}
        count={data.onHold.count}
        testId="dashboard-hold"
        rows={data.onHold.items.length}
        empty={t('dashboard.noHold')}
        more={data.onHold.count > 0 ? { to: '/license-plates?qaStatus=hold', label: t('dashboard.allOnHold') } : undefined}
      >
        <PlateRows plates={data.onHold.items} />
      </Panel>
      <Panel
        title={t('dashboard.openPurchaseOrders')}
        count={data.openPurchaseOrders.count}
        testId="dashboard-pos"
        rows={data.openPurchaseOrders.items.length}
        empty={t('dashboard.noOpenPurchaseOrders')}
        more={data.openPurchaseOrders.count > 0 ? { to: '/purchase-orders', label: t('nav.purchaseOrders') } : undefined}
      >
        {data.openPurchaseOrders.items.map((order) => (
          <Row
            key={order.id}
            left={
              <>
                <Anchor component={Link} to={`/purchase-orders/${order.id}`} ff="monospace" fw={600} size="sm">
                  {order.number}
                </Anchor>
                <Text size="xs" c="dimmed" truncate>
                  {names.supplier(order.supplierId)}
                </Text>
              </>
            }
            right={
              <>
                <StatusBadge status={order.status} />
                <Text size="xs" c={order.expectedDate && daysUntil(order.expectedDate) < 0 ? 'red.7' : 'dimmed'}>
                  {formatDate(order.expectedDate, i18n.language)}
                </Text>
              </>
            }
          />
        ))}
      </Panel>
    </SimpleGrid>
  );
}
