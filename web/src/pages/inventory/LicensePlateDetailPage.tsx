import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowsSplit, IconArrowMerge, IconBan, IconLock, IconLockOpen, IconMapPin, IconPencil, IconRoute } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useList, useRecord } from '../../api/queries';
import type { LicensePlate, StockMove } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { BackLink, Facts, Section } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatDateTime, formatNumber, formatQty } from '../../format';
import { LicensePlateActionModal, type LpAction } from './LicensePlateActions';
import { LicensePlateDocuments } from '../quality/LicensePlateDocuments';
import { LicensePlateGenealogy } from './LicensePlateGenealogy';
import { PrintLabelButton } from './PrintLabelButton';

const moveColors: Record<string, string> = { receipt: 'teal', output: 'teal', consume: 'grape', ship: 'indigo', adjust: 'yellow', split: 'blue', merge: 'blue', move: 'gray', reverse: 'orange', hold: 'orange', release: 'teal', reject: 'red' };

export function LicensePlateDetailPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { can } = useSession();
  const names = useNames();
  const [action, setAction] = useState<LpAction | null>(null);
  const lp = useRecord<LicensePlate>(`/license-plates/${id}`);
  const moves = useList<StockMove>(`/license-plates/${id}/moves`);
  const data = lp.data;
  // Arrived from splitting another plate: this one needs its own label.
  const splitFrom = (useLocation().state as { splitFrom?: string } | null)?.splitFrom;
  const isOpen = data?.status === 'available';
  const canStock = can('warehouse', 'write') && isOpen;
  const canQa = can('quality', 'write') && isOpen;
  const actionButton = (name: LpAction, icon: ReactNode, enabled: boolean, color?: string) =>
    enabled ? (
      <Button key={name} variant="light" color={color} leftSection={icon} onClick={() => setAction(name)} data-testid={`lp-${name}`}>
        {t(`licensePlates.action.${name}`)}
      </Button>
    ) : null;

  return (
    <>
      <PageHeader
        back={<BackLink to="/license-plates">{t('nav.licensePlates')}</BackLink>}
        title={<span style={{ fontFamily: 'monospace' }}>{data?.number ?? '…'}</span>}
        description={data && `${names.productName(data.productId)} · ${t('fields.lot')} ${data.lot}`}
        actions={
          data && (
            <>
              <Button component={Link} variant="subtle" leftSection={<IconRoute size={18} />} to={`/trace?licensePlateId=${data.id}`}>
                {t('nav.trace')}
              </Button>
              <PrintLabelButton licensePlateId={data.id} variant="light" />
            </>
          )
        }
      />
      <QueryState query={lp}>
        {data && (
          <Stack>
            {splitFrom && (
              <Alert color="teal" variant="light" data-testid="split-result">
                <Group justify="space-between" wrap="wrap">
                  <Text size="sm">{t('licensePlates.done.split', { number: splitFrom })}</Text>
                  <PrintLabelButton licensePlateId={data.id} testId="split-print-label" />
                </Group>
              </Alert>
            )}
            <Section title={t('products.details')}>
              <Facts
                items={[
                  { label: t('fields.product'), value: names.productName(data.productId) },
                  { label: t('fields.lot'), value: data.lot },
                  { label: t('fields.expiryDate'), value: formatDate(data.expiryDate, i18n.language) },
                  { label: t('fields.qty'), value: formatQty(data.qty, data.uom, i18n.language), testId: 'lp-qty' },
                  { label: t('fields.location'), value: names.location(data.locationId), testId: 'lp-location' },
                  { label: t('fields.status'), value: <StatusBadge status={data.status} />, testId: 'lp-status' },
                  { label: t('fields.qaStatus'), value: <StatusBadge status={data.qaStatus} />, testId: 'lp-qa-status' },
                  { label: t('fields.createdAt'), value: formatDateTime(data.createdAt, i18n.language) },
                ]}
              />
            </Section>
            {(canStock || canQa) && (
              <Section title={t('licensePlates.actions')}>
                <Group gap="xs">
                  {actionButton('move', <IconMapPin size={18} />, canStock)}
                  {actionButton('split', <IconArrowsSplit size={18} />, canStock)}
                  {actionButton('merge', <IconArrowMerge size={18} />, canStock)}
                  {actionButton('adjust', <IconPencil size={18} />, canStock)}
                  {actionButton('hold', <IconLock size={18} />, canQa && data.qaStatus !== 'hold', 'orange')}
                  {actionButton('release', <IconLockOpen size={18} />, canQa && data.qaStatus !== 'released', 'teal')}
                  {actionButton('reject', <IconBan size={18} />, canQa && data.qaStatus !== 'rejected', 'red')}
                </Group>
              </Section>
            )}
            <LicensePlateGenealogy lp={data} />
            <LicensePlateDocuments lp={data} />
            <Section title={t('licensePlates.ledger')}>
              <QueryState query={moves}>
                <DataList
                  testId="ledger"
                  rows={moves.items}
                  rowKey={(move) => move.id}
                  hasMore={moves.hasNextPage}
                  onLoadMore={() => void moves.fetchNextPage()}
                  columns={[
                    {
                      key: 'type',
                      header: t('fields.moveType'),
                      render: (move) => (
                        <Badge color={moveColors[move.type] ?? 'gray'} variant="light" radius="sm" style={{ textTransform: 'none' }}>
                          {t(`moveType.${move.type}` as 'moveType.receipt', { defaultValue: move.type })}
                        </Badge>
                      ),
                    },
                    { key: 'at', header: t('fields.when'), render: (move) => formatDateTime(move.createdAt, i18n.language) },
                    {
                      key: 'change',
                      header: t('fields.change'),
                      align: 'right',
                      render: (move) => (
                        <Text size="sm" c={move.qtyChange > 0 ? 'teal.8' : move.qtyChange < 0 ? 'red.8' : 'dimmed'} fw={600}>
                          {move.qtyChange > 0 ? '+' : ''}
                          {formatNumber(move.qtyChange, i18n.language)}
                        </Text>
                      ),
                    },
                    { key: 'after', header: t('fields.qtyAfter'), align: 'right', render: (move) => formatNumber(move.qtyAfter, i18n.language) },
                    {
                      key: 'where',
                      header: t('fields.location'),
                      render: (move) => (move.fromLocationId && move.toLocationId && move.fromLocationId !== move.toLocationId ? `${names.location(move.fromLocationId)} → ${names.location(move.toLocationId)}` : names.location(move.toLocationId ?? move.fromLocationId)),
                    },
                    { key: 'reason', header: t('fields.reason'), render: (move) => move.reason || '—' },
                  ]}
                />
              </QueryState>
            </Section>
          </Stack>
        )}
      </QueryState>
      {action && data && <LicensePlateActionModal lp={data} action={action} onClose={() => setAction(null)} />}
    </>
  );
}
