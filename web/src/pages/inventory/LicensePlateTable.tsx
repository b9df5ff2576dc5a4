import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LicensePlate } from '../../api/types';
import { DataList } from '../../components/DataList';
import { useNames } from '../../components/Pickers';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatQty } from '../../format';

/** License plates with their product, lot, expiry, quantity and status; each number opens the plate. */
export function LicensePlateTable({ plates, empty, hasMore, onLoadMore, testId }: { plates: LicensePlate[]; empty?: string; hasMore?: boolean; onLoadMore?: () => void; testId?: string }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  return (
    <DataList
      testId={testId}
      rows={plates}
      rowKey={(lp) => lp.id}
      empty={empty}
      hasMore={hasMore}
      onLoadMore={onLoadMore}
      columns={[
        {
          key: 'number',
          header: t('fields.lpNumber'),
          render: (lp) => (
            <Anchor component={Link} to={`/license-plates/${lp.id}`} fw={600} ff="monospace" data-testid="lp-number">
              {lp.number}
            </Anchor>
          ),
        },
        { key: 'product', header: t('fields.product'), render: (lp) => names.productName(lp.productId) },
        { key: 'lot', header: t('fields.lot'), render: (lp) => <span style={{ whiteSpace: 'nowrap' }}>{lp.lot}</span> },
        { key: 'expiry', header: t('fields.expiryDate'), render: (lp) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(lp.expiryDate, i18n.language)}</span> },
        { key: 'qty', header: t('fields.qty'), align: 'right', render: (lp) => <span style={{ whiteSpace: 'nowrap' }}>{formatQty(lp.qty, lp.uom, i18n.language)}</span> },
        // A plate no longer in the plant is not at the location it was last booked to.
        { key: 'location', header: t('fields.location'), render: (lp) => (lp.status === 'available' ? names.location(lp.locationId) : '—') },
        { key: 'status', header: t('fields.status'), render: (lp) => <StatusBadge status={lp.status} /> },
        { key: 'qa', header: t('fields.qaStatus'), render: (lp) => <StatusBadge status={lp.qaStatus} /> },
      ]}
    />
  );
}
