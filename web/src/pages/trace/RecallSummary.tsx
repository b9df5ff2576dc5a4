import { Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { DataList } from '../../components/DataList';
import { Section } from '../../components/Detail';
import { QueryState } from '../../components/QueryState';
import { useNames } from '../../components/Pickers';
import { formatQty } from '../../format';
import { HoldLotButton } from '../quality/HoldLotButton';

/** GET /trace/recall/summary (API.md "Trace and events (additions)"). */
export interface RecallSummaryAnswer {
  productId: string;
  lot: string;
  lots: {
    productId: string;
    productCode: string;
    productName: string;
    lot: string;
    producedQty: number;
    onHand: { locationId: string; locationCode: string; qty: number; licensePlates: number }[];
    shipped: { customerId: string; customerCode: string; customerName: string; qty: number }[];
  }[];
  customers: { id: string; code: string; name: string; contactName?: string; email?: string; phone?: string }[];
}

/**
 * The recall by lot, shown before the graph: every lot reached forward from the suspect
 * lot (itself first) with what was made, what is on hand where and what went to whom,
 * then whom to call.
 */
export function RecallSummary({ productId, lot }: { productId: string; lot: string }) {
  const { t, i18n } = useTranslation();
  const summary = useQuery({
    queryKey: ['/trace/recall/summary', productId, lot],
    queryFn: ({ signal }) => api<RecallSummaryAnswer>('/trace/recall/summary', { query: { productId, lot }, signal }),
  });
  const names = useNames();
  // The summary carries no units: each lot's product (resolved by id, like every name) has its own.
  const amount = (value: number, productId: string) => formatQty(value, names.product(productId)?.uom, i18n.language);
  const lines = (items: string[]) =>
    items.length === 0 ? (
      <Text size="sm" c="dimmed">
        —
      </Text>
    ) : (
      <Stack gap={0}>
        {items.map((item) => (
          <Text key={item} size="sm">
            {item}
          </Text>
        ))}
      </Stack>
    );

  return (
    <QueryState query={summary}>
      {summary.data && (
        <Stack data-testid="recall-summary">
          <Section title={t('trace.summary.title', { count: summary.data.lots.length })} actions={<HoldLotButton productId={productId} lot={lot} testId="recall-hold-lot" />}>
            <DataList
              testId="recall-summary-lots"
              rows={summary.data.lots}
              rowKey={(row) => `${row.productId}/${row.lot}`}
              columns={[
                { key: 'lot', header: t('fields.lot'), render: (row) => `${row.productCode} · ${row.lot}` },
                { key: 'product', header: t('fields.product'), render: (row) => row.productName, hideOnPhone: true },
                { key: 'produced', header: t('trace.summary.produced'), align: 'right', render: (row) => amount(row.producedQty, row.productId) },
                {
                  key: 'onHand',
                  header: t('trace.summary.onHand'),
                  render: (row) => lines(row.onHand.map((place) => t('trace.summary.atLocation', { location: place.locationCode, qty: amount(place.qty, row.productId), count: place.licensePlates }))),
                },
                { key: 'shipped', header: t('trace.summary.shipped'), render: (row) => lines(row.shipped.map((to) => `${to.customerName} (${to.customerCode}): ${amount(to.qty, row.productId)}`)) },
              ]}
            />
          </Section>
          <Section title={t('trace.summary.contacts', { count: summary.data.customers.length })}>
            <DataList
              testId="recall-summary-customers"
              rows={summary.data.customers}
              rowKey={(customer) => customer.id}
              empty={t('trace.summary.noCustomers')}
              columns={[
                { key: 'name', header: t('fields.customer'), render: (customer) => `${customer.name} (${customer.code})` },
                { key: 'contact', header: t('recall.customers.contactName'), render: (customer) => customer.contactName ?? '—' },
                { key: 'email', header: t('trace.summary.email'), render: (customer) => (customer.email ? <Anchor href={`mailto:${customer.email}`}>{customer.email}</Anchor> : '—') },
                { key: 'phone', header: t('trace.summary.phone'), render: (customer) => (customer.phone ? <Anchor href={`tel:${customer.phone}`}>{customer.phone}</Anchor> : '—') },
              ]}
            />
          </Section>
        </Stack>
      )}
    </QueryState>
  );
}
