import { Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useList, useRecord } from '../../api/queries';
import type { Pallet, PickList, SalesOrder } from '../../api/sales';
import type { LicensePlate, Shipment } from '../../api/types';
import { DataList } from '../../components/DataList';
import { BackLink, Facts, Section } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { useSession } from '../../auth/session';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { SalesOrderActions } from './SalesOrderActions';

/** An LP's number, read on its own (allocations name only the id). */
function PlateNumber({ id }: { id: string }) {
  const lp = useRecord<LicensePlate>(`/license-plates/${id}`);
  return <Anchor component={Link} to={`/license-plates/${id}`}>{lp.data?.number ?? '…'}</Anchor>;
}

/** One sales order: its lines with allocation, picks, shipments and backorder; its pick lists, pallets and shipments. */
export function SalesOrderDetailPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { can } = useSession();
  const names = useNames();
  const order = useRecord<SalesOrder>(`/sales-orders/${id}`);
  const pickLists = useList<PickList>('/pick-lists', { salesOrderId: id });
  const pallets = useList<Pallet>('/pallets', { salesOrderId: id });
  const shipments = useList<Shipment>('/shipments', { salesOrderId: id });
  const data = order.data;
  const number = (value: number) => formatNumber(value, i18n.language);
  const productOfLine = (lineId: string) => data?.lines.find((line) => line.id === lineId)?.productId;
  return (
    <>
      <PageHeader
        back={<BackLink to="/sales-orders">{t('nav.salesOrders')}</BackLink>}
        title={data?.number ?? t('nav.salesOrders')}
        description={data && names.customer(data.customerId)}
        actions={data && can('shipping', 'write') && <SalesOrderActions order={data} />}
      />
      <QueryState query={order}>
        {data && (
          <Stack>
            <Section title={t('products.details')}>
              <Facts
                items={[
                  { label: t('fields.status'), value: <StatusBadge status={data.status} />, testId: 'so-status' },
                  { label: t('fields.customer'), value: names.customer(data.customerId) },
                  { label: t('sales.requestedDate'), value: formatDate(data.requestedDate, i18n.language) },
                  { label: t('fields.createdAt'), value: formatDateTime(data.createdAt, i18n.language) },
                ]}
              />
            </Section>
            <Section title={t('purchasing.lines')}>
              <DataList
                testId="so-lines"
                rows={data.lines}
                rowKey={(line) => line.id}
                columns={[
                  { key: 'product', header: t('fields.product'), render: (line) => line.productName },
                  { key: 'qty', header: t('fields.ordered'), align: 'right', render: (line) => `${number(line.qty)} ${names.product(line.productId)?.uom ?? ''}` },
                  { key: 'allocated', header: t('sales.allocated'), align: 'right', render: (line) => number(line.allocatedQty) },
                  { key: 'picked', header: t('sales.picked'), align: 'right', render: (line) => number(line.pickedQty) },
                  { key: 'shipped', header: t('sales.shipped'), align: 'right', render: (line) => number(line.shippedQty) },
                  { key: 'backorder', header: t('sales.backorder'), align: 'right', render: (line) => <span data-testid="so-backorder">{number(line.backorderQty)}</span> },
                ]}
              />
            </Section>
            <Section title={t('sales.allocations')}>
              <DataList
                testId="so-allocations"
                rows={data.allocations}
                rowKey={(allocation) => `${allocation.lineId}:${allocation.licensePlateId}`}
                empty={t('sales.noAllocations')}
                columns={[
                  { key: 'lp', header: t('fields.lpNumber'), render: (allocation) => <PlateNumber id={allocation.licensePlateId} /> },
                  { key: 'product', header: t('fields.product'), render: (allocation) => names.productName(productOfLine(allocation.lineId)) },
                  { key: 'qty', header: t('fields.qty'), align: 'right', render: (allocation) => number(allocation.qty) },
                ]}
              />
            </Section>
            <Section title={t('sales.documents')}>
              <Stack gap={4}>
                {pickLists.items.map((list) => (
                  <Anchor key={list.id} component={Link} to={`/pick-lists/${list.id}`} data-testid="so-pick-list-link">
                    {list.number} · {t(`status.${list.status}`)}
                  </Anchor>
                ))}
                {pallets.items.map((pallet) => (
                  <Anchor key={pallet.id} component={Link} to={`/pallets/${pallet.id}`} data-testid="so-pallet-link">
                    {t('sales.pallet')} {pallet.sscc}
                  </Anchor>
                ))}
                {shipments.items.map((shipment) => (
                  <Anchor key={shipment.id} component={Link} to={`/shipments/${shipment.id}`} data-testid="so-shipment-link">
                    {shipment.number}
                  </Anchor>
                ))}
              </Stack>
            </Section>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
