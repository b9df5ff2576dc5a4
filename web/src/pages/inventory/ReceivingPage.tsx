import { Paper, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useList } from '../../api/queries';
import type { Receipt } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { Section } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { ReceiptForm } from './ReceiptForm';
import { ReceiptResult } from './ReceiptResult';

export function ReceivingPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const [received, setReceived] = useState<Receipt | null>(null);
  // The order in the address starts the first receipt only; the next one starts afresh.
  const [startOrder, setStartOrder] = useState(() => params.get('purchaseOrderId'));
  const [formKey, setFormKey] = useState(0);
  const receipts = useList<Receipt>('/receipts', {}, { limit: 20 });
  return (
    <>
      <PageHeader title={t('nav.receiving')} description={t('receiving.description')} />
      <Stack>
        {received && <ReceiptResult receipt={received} />}
        {can('warehouse', 'write') && (
          <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
            <Title order={4} mb="sm">
              {t('receiving.newReceipt')}
            </Title>
            <ReceiptForm
              key={formKey}
              purchaseOrderId={startOrder}
              onReceived={(receipt) => {
                setReceived(receipt);
                setStartOrder(null);
                setParams((current) => {
                  current.delete('purchaseOrderId');
                  return current;
                }, { replace: true });
                setFormKey((key) => key + 1);
                window.scrollTo({ top: 0, behavior: 'smooth' });
              }}
            />
          </Paper>
        )}
        <Section title={t('receiving.recent')}>
          <QueryState query={receipts}>
            <DataList
              rows={receipts.items}
              rowKey={(receipt) => receipt.id}
              empty={t('receiving.noReceipts')}
              hasMore={receipts.hasNextPage}
              onLoadMore={() => void receipts.fetchNextPage()}
              columns={[
                { key: 'number', header: t('fields.number'), render: (receipt) => receipt.number },
                { key: 'at', header: t('fields.createdAt'), render: (receipt) => formatDateTime(receipt.createdAt, i18n.language) },
                { key: 'plates', header: t('fields.plates'), align: 'right', render: (receipt) => receipt.licensePlates.length },
                { key: 'lps', header: t('nav.licensePlates'), hideOnPhone: true, render: (receipt) => receipt.licensePlates.map((lp) => lp.number).join(', ') },
              ]}
            />
          </QueryState>
        </Section>
      </Stack>
    </>
  );
}
