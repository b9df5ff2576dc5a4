import { Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useRecord } from '../../api/queries';
import type { Shipment } from '../../api/types';
import { DataList } from '../../components/DataList';
import { BackLink, Facts, Section } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatDateTime, formatQty } from '../../format';

export function ShipmentDetailPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const names = useNames();
  const shipment = useRecord<Shipment>(`/shipments/${id}`);
  const data = shipment.data;
  return (
    <>
      <PageHeader back={<BackLink to="/shipments">{t('nav.shipments')}</BackLink>} title={data?.number ?? '…'} description={data && names.customer(data.customerId)} />
      <QueryState query={shipment}>
        {data && (
          <Stack>
            <Section title={t('products.details')}>
              <Facts
                items={[
                  { label: t('fields.customer'), value: names.customer(data.customerId) },
                  { label: t('fields.shipDate'), value: formatDate(data.shipDate, i18n.language) },
                  { label: t('fields.plates'), value: data.licensePlates.length },
                  { label: t('fields.createdAt'), value: formatDateTime(data.createdAt, i18n.language) },
                ]}
              />
            </Section>
            <Section title={t('nav.licensePlates')}>
              <DataList
                rows={data.licensePlates}
                rowKey={(lp) => lp.id}
                columns={[
                  {
                    key: 'number',
                    header: t('fields.lpNumber'),
                    render: (lp) => (
                      <Anchor component={Link} to={`/license-plates/${lp.id}`} ff="monospace" fw={600}>
                        {lp.number}
                      </Anchor>
                    ),
                  },
                  { key: 'product', header: t('fields.product'), render: (lp) => names.productName(lp.productId) },
                  { key: 'lot', header: t('fields.lot'), render: (lp) => lp.lot },
                  { key: 'expiry', header: t('fields.expiryDate'), render: (lp) => formatDate(lp.expiryDate, i18n.language) },
                  { key: 'qty', header: t('fields.qty'), align: 'right', render: (lp) => formatQty(lp.qty, lp.uom, i18n.language) },
                ]}
              />
            </Section>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
