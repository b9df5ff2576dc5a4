import { Anchor, Badge, Box, Card, Flex, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconChevronRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import { workOrderStatuses, type Dashboard, type DashboardPlate, type OrgSettings } from '../api/types';
import { useSession } from '../auth/session';
import { LiveBadge } from '../components/LiveBadge';
import { PageHeader } from '../components/PageHeader';
import { useNames } from '../components/Pickers';
import { QueryState } from '../components/QueryState';
import { StatusBadge, statusColor } from '../components/StatusBadge';
import { formatDate, formatDateTime, formatQty, today } from '../format';
import { navigation } from '../layout/navigation';
import { NcrPanel } from './quality/NcrPanel';

/** Whole days from today to a YYYY-MM-DD date (negative once past). */
export function daysUntil(date: string, from = today()): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function ExpiryHint({ date }: { date: string | null }) {
  const { t } = useTranslation();
  if (!date) return null;
  const days = daysUntil(date);
  const text = days < 0 ? t('dashboard.expired') : days === 0 ? t('dashboard.today') : days === 1 ? t('dashboard.tomorrow') : t('dashboard.inDays', { count: days });
  return (
    <Text size="xs" fw={600} c={days <= 1 ? 'red.7' : 'orange.7'} style={{ whiteSpace: 'nowrap' }}>
      {text}
    </Text>
  );
}

/** A panel with a count in its title, up to 20 rows, and a link to the whole list. */
function Panel({ title, count, more, testId, empty, rows, children }: { title: string; count?: number; more?: { to: string; label: string }; testId: string; empty: string; rows: number; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} data-testid={testId}>
      <Group justify="space-between" mb="xs" wrap="nowrap" gap="xs">
        <Title order={4} style={{ minWidth: 0 }}>
          {title}
        </Title>
        {count !== undefined && (
          <Text fw={700} fz={22} c={count > 0 ? undefined : 'dimmed'} data-testid={`${testId}-count`}>
            {count}
          </Text>
        )}
      </Group>
      {rows === 0 ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        <Stack gap={0}>{children}</Stack>
      )}
      {more && (
        <Anchor component={Link} to={more.to} size="sm" mt="xs" display="inline-block">
          {more.label}
        </Anchor>
      )}
    </Paper>
  );
}

function Row({ left, right, testId }: { left: ReactNode; right: ReactNode; testId?: string }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" py={6} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid={testId}>
      <Box style={{ minWidth: 0 }}>{left}</Box>
      <Box style={{ flexShrink: 0, textAlign: 'right' }}>{right}</Box>
    </Group>
  );
}

function PlateRows({ plates, withExpiry }: { plates: DashboardPlate[]; withExpiry?: boolean }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  return plates.map((plate) => (
    <Row
      key={plate.id}
      testId="dashboard-plate"
      left={
        <>
          <Group gap={6} wrap="nowrap">
            <Anchor component={Link} to={`/license-plates/${plate.id}`} ff="monospace" fw={600} size="sm">
              {plate.number}
            </Anchor>
            {plate.qaStatus === 'hold' && (
              <Badge size="xs" color="orange" variant="filled" data-testid="dashboard-plate-held">
                {t('recall.trace.held')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" truncate>
            {names.productName(plate.productId)} · {t('fields.lot')} {plate.lot}
          </Text>
        </>
      }
      right={
        <>
          <Text size="sm">
            {formatQty(plate.qty, names.product(plate.productId)?.uom, i18n.language)}
          </Text>
          {withExpiry ? <ExpiryHint date={plate.expiryDate} /> : <Text size="xs" c="dimmed">{formatDate(plate.expiryDate, i18n.language)}</Text>}
        </>
      }
    />
  ));
}

/** The organization's figures of the moment: refetched whenever a live event arrives (see api/events.tsx), else every minute. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { me, can } = useSession();
  const names = useNames();
  const dashboard = useQuery({ queryKey: ['/dashboard'], queryFn: ({ signal }) => api<Dashboard>('/dashboard', { signal }), refetchInterval: 60_000 });
  const settings = useQuery({ queryKey: ['/settings'], queryFn: ({ signal }) => api<OrgSettings>('/settings', { signal }), meta: { silent: true } });
  const data = dashboard.data;
  const shortcuts = navigation
    .flatMap((section) => section.items)
    .filter((item) => item.path !== '/dashboard' && (!item.modules || item.modules.some((module) => can(module))))
    .slice(0, 8);

  return (
    <>
      <PageHeader title={t('dashboard.greeting', { name: me?.user.name.split(' ')[0] ?? '' })} description={me?.organization.name} actions={<LiveBadge />} />
      <Stack gap="lg">
        <QueryState query={dashboard}>
          {data && (
            <Stack gap="md">
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
              {can('quality') && <NcrPanel />}
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
            </Stack>
          )}
        </QueryState>
        <div>
          <Title order={4} mb="xs">
            {t('dashboard.shortcuts')}
          </Title>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            {shortcuts.map((item) => (
              <UnstyledButton key={item.path} component={Link} to={item.path}>
                <Card withBorder padding="sm" h="100%">
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    {/* On a phone the label goes under the icon, so that long words (Identyfikowalność) keep the whole width. */}
                    <Flex direction={{ base: 'column', sm: 'row' }} align={{ base: 'flex-start', sm: 'center' }} gap={{ base: 6, sm: 'sm' }} style={{ minWidth: 0 }}>
                      <ThemeIcon variant="light" size={40} radius="md" style={{ flexShrink: 0 }}>
                        <item.icon size={22} />
                      </ThemeIcon>
                      <Text fw={600} size="sm" style={{ overflowWrap: 'break-word', hyphens: 'auto', minWidth: 0, maxWidth: '100%' }}>
                        {t(`nav.${item.label}`)}
                      </Text>
                    </Flex>
                    <Box visibleFrom="sm">
                      <IconChevronRight size={18} color="var(--mantine-color-gray-5)" />
                    </Box>
                  </Group>
                </Card>
              </UnstyledButton>
            ))}
          </SimpleGrid>
        </div>
      </Stack>
    </>
  );
}
