import { Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, ColorSwatch } from '@mantine/core';
import { IconBarcode, IconDownload, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, ApiError, request } from '../../api/client';
import { saveFile } from '../../api/organization-export';
import { notifyError } from '../../api/queries';
import { productTypes, type LicensePlate, type Trace } from '../../api/types';
import { DataList } from '../../components/DataList';
import { Section } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { ProductPicker, useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../format';
import { LicensePlateTable } from '../inventory/LicensePlateTable';
import { MassBalancePanel } from './MassBalancePanel';
import { RecallSummary } from './RecallSummary';
import { TraceGraph, typeFill } from './TraceGraph';

/** Where a lot came from (backward, to suppliers) and where it went (forward, to customers). */
export function TracePage() {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const [params, setParams] = useSearchParams();
  const direction = (params.get('direction') ?? 'backward') as 'backward' | 'forward';
  const licensePlateId = params.get('licensePlateId');
  const productId = params.get('productId');
  const lot = params.get('lot');
  const [number, setNumber] = useState('');
  const [lotProduct, setLotProduct] = useState<string | null>(productId);
  const [lotText, setLotText] = useState(lot ?? '');
  const subject = licensePlateId ? { licensePlateId } : productId && lot ? { productId, lot } : null;

  const trace = useQuery({
    queryKey: ['/trace', direction, subject],
    queryFn: ({ signal }) => api<Trace>(`/trace/${direction}`, { query: subject!, signal }),
    enabled: subject !== null,
  });
  const set = (next: Record<string, string | null>) =>
    setParams((previous) => {
      const merged = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(next)) {
        if (value) merged.set(key, value);
        else merged.delete(key);
      }
      return merged;
    });

  const findByNumber = async () => {
    const value = number.trim();
    if (!value) return;
    try {
      const lp = await api<LicensePlate>(`/license-plates/by-number/${encodeURIComponent(value)}`);
      set({ licensePlateId: lp.id, productId: null, lot: null });
    } catch (error) {
      notifyError(error instanceof ApiError && error.status === 404 ? new Error(t('licensePlates.notFound', { number: value })) : error);
    }
  };

  const recallSubject = trace.data ? (productId && lot ? { productId, lot } : (() => {
    const root = trace.data.licensePlates.find((lp) => lp.id === licensePlateId);
    return root ? { productId: root.productId, lot: root.lot } : null;
  })()) : null;
  const download = async (path: string, prefix: string) => {
    if (!recallSubject) return;
    try {
      const response = await request(path, { query: recallSubject, accept: 'text/csv' });
      saveFile(await response.blob(), `${prefix}-${names.product(recallSubject.productId)?.code ?? 'product'}-${recallSubject.lot}.csv`);
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.trace')}
        description={t('trace.description')}
        actions={
          recallSubject && (
            <Group gap="xs">
              <Button variant="light" leftSection={<IconDownload size={18} />} onClick={() => void download('/trace/recall', 'recall')} data-testid="recall-csv">
                {t('trace.recallCsv')}
              </Button>
              <Button variant="light" leftSection={<IconDownload size={18} />} onClick={() => void download('/trace/fsma204', 'fsma204')} data-testid="fsma204-csv">
                {t('trace.fsma204Csv')}
              </Button>
            </Group>
          )
        }
      />
      <Stack>
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {t('trace.byPlate')}
              </Text>
              <Group gap="xs" wrap="nowrap">
                <TextInput
                  leftSection={<IconBarcode size={18} />}
                  placeholder={t('licensePlates.scanPlaceholder')}
                  aria-label={t('fields.lpNumber')}
                  value={number}
                  onChange={(event) => setNumber(event.currentTarget.value)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') void findByNumber();
                  }}
                  style={{ flex: 1, minWidth: 0 }}
                  data-testid="trace-number"
                />
                <Button onClick={() => void findByNumber()} leftSection={<IconSearch size={16} />}>
                  {t('trace.go')}
                </Button>
              </Group>
            </Stack>
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {t('trace.byLot')}
              </Text>
              <Group gap="xs" wrap="wrap">
                <ProductPicker aria-label={t('fields.product')} data-testid="trace-lot-product" value={lotProduct} onChange={setLotProduct} style={{ flex: '2 1 180px' }} />
                <TextInput placeholder={t('fields.lot')} aria-label={t('fields.lot')} data-testid="trace-lot" value={lotText} onChange={(event) => setLotText(event.currentTarget.value)} style={{ flex: '1 1 100px' }} />
                <Button
                  variant="light"
                  disabled={!lotProduct || !lotText.trim()}
                  onClick={() => set({ productId: lotProduct, lot: lotText.trim(), licensePlateId: null })}
                  leftSection={<IconSearch size={16} />}
                  data-testid="trace-lot-go"
                >
                  {t('trace.go')}
                </Button>
              </Group>
            </Stack>
          </SimpleGrid>
        </Paper>
        {subject && (
          <Group justify="space-between" wrap="wrap">
            <SegmentedControl
              value={direction}
              onChange={(value) => set({ direction: value })}
              data={[
                { value: 'backward', label: t('trace.backward') },
                { value: 'forward', label: t('trace.forward') },
              ]}
              data-testid="trace-direction"
            />
            <Group gap="md">
              {productTypes.map((type) => (
                <Group key={type} gap={6}>
                  <ColorSwatch color={typeFill[type]} size={14} />
                  <Text size="xs">{t(`productType.${type}`)}</Text>
                </Group>
              ))}
            </Group>
          </Group>
        )}
        {!subject ? (
          <Paper withBorder p="xl">
            <Text c="dimmed" ta="center">
              {t('trace.start')}
            </Text>
          </Paper>
        ) : (
          <QueryState query={trace}>
            {trace.data && (
              <Stack>
                {recallSubject && <MassBalancePanel productId={recallSubject.productId} lot={recallSubject.lot} />}
                {recallSubject && <RecallSummary productId={recallSubject.productId} lot={recallSubject.lot} />}
                <TraceGraph trace={trace.data} />
                {trace.data.receipts.length > 0 && (
                  <Section title={t('trace.suppliers')}>
                    <DataList
                      rows={trace.data.receipts}
                      rowKey={(receipt) => `${receipt.receiptId}-${receipt.licensePlateId}`}
                      columns={[
                        { key: 'supplier', header: t('fields.supplier'), render: (receipt) => names.supplier(receipt.supplierId) },
                        { key: 'lp', header: t('fields.lpNumber'), render: (receipt) => trace.data.licensePlates.find((lp) => lp.id === receipt.licensePlateId)?.number ?? '…' },
                        { key: 'product', header: t('fields.product'), render: (receipt) => names.productName(trace.data.licensePlates.find((lp) => lp.id === receipt.licensePlateId)?.productId) },
                      ]}
                    />
                  </Section>
                )}
                {trace.data.shipments.length > 0 && (
                  <Section title={t('trace.customers')}>
                    <DataList
                      rows={trace.data.shipments}
                      rowKey={(shipment) => `${shipment.shipmentId}-${shipment.licensePlateId}`}
                      columns={[
                        { key: 'customer', header: t('fields.customer'), render: (shipment) => names.customer(shipment.customerId) },
                        { key: 'lp', header: t('fields.lpNumber'), render: (shipment) => trace.data.licensePlates.find((lp) => lp.id === shipment.licensePlateId)?.number ?? '…' },
                        { key: 'date', header: t('fields.shipDate'), render: (shipment) => formatDate(shipment.shipDate, i18n.language) },
                      ]}
                    />
                  </Section>
                )}
                <Section title={t('trace.plates', { count: trace.data.licensePlates.length })}>
                  <LicensePlateTable plates={trace.data.licensePlates} />
                </Section>
              </Stack>
            )}
          </QueryState>
        )}
      </Stack>
    </>
  );
}
