import { Button, Group, Image, Select, Stack, Text } from '@mantine/core';
import { IconFileTypePdf, IconPlus, IconPrinter } from '@tabler/icons-react';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifyError, notifySuccess, useRecord } from '../../api/queries';
import { fileUrl, openFile, type Pallet, type SalesOrder } from '../../api/sales';
import type { LicensePlate } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { BackLink, Facts, Section } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatQty } from '../../format';

/** Puts one of the order's held (picked) plates on the pallet. */
function AddItem({ pallet, order }: { pallet: Pallet; order: SalesOrder }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [plate, setPlate] = useState<string | null>(null);
  const onPallet = new Set(pallet.items.map((item) => item.licensePlateId));
  const candidates = order.allocations.filter((allocation) => !onPallet.has(allocation.licensePlateId));
  const plates = useQueries({
    queries: candidates.map((allocation) => ({ queryKey: [`/license-plates/${allocation.licensePlateId}`], queryFn: () => api<LicensePlate>(`/license-plates/${allocation.licensePlateId}`) })),
  });
  const numberOf = (licensePlateId: string) => plates.find((plate) => plate.data?.id === licensePlateId)?.data?.number ?? '…';
  const add = useMutation({
    mutationFn: (licensePlateId: string) => api<Pallet>(`/pallets/${pallet.id}/items`, { method: 'POST', body: { licensePlateId } }),
    onSuccess: async () => {
      await invalidatePaths(queryClient, '/pallets');
      notifySuccess(t('common.saved'));
      setPlate(null);
    },
    onError: (error) => notifyError(error),
  });
  return (
    <Group align="flex-end" className="no-print">
      <Select label={t('sales.addToPallet')} data={candidates.map((allocation) => ({ value: allocation.licensePlateId, label: numberOf(allocation.licensePlateId) }))} value={plate} onChange={setPlate} searchable w={360} data-testid="pallet-plate" />
      <Button leftSection={<IconPlus size={16} />} disabled={!plate} loading={add.isPending} onClick={() => plate && add.mutate(plate)} data-testid="pallet-add">
        {t('actions.create')}
      </Button>
    </Group>
  );
}

/** A pallet: its SSCC, the plates on it, and its GS1-128 label (the SVG shown, ZPL and PDF to print). */
export function PalletPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { can } = useSession();
  const names = useNames();
  const pallet = useRecord<Pallet>(`/pallets/${id}`);
  const order = useRecord<SalesOrder>(pallet.data ? `/sales-orders/${pallet.data.salesOrderId}` : null);
  const items = pallet.data?.items.length ?? 0;
  const label = useQuery({ queryKey: [`/pallets/${id}/label`, items], queryFn: () => fileUrl(`/pallets/${id}/label?format=svg`, 'image/svg+xml'), enabled: Boolean(pallet.data) });
  const data = pallet.data;
  return (
    <>
      <PageHeader
        back={data && <BackLink to={`/sales-orders/${data.salesOrderId}`}>{order.data?.number ?? t('nav.salesOrders')}</BackLink>}
        title={data ? `${t('sales.pallet')} ${data.sscc}` : t('sales.pallet')}
        actions={
          data && (
            <Group className="no-print">
              <Button variant="default" leftSection={<IconPrinter size={18} />} onClick={() => void openFile(`/pallets/${data.id}/label?format=zpl`, 'application/zpl').catch(notifyError)} data-testid="label-zpl">
                ZPL
              </Button>
              <Button variant="default" leftSection={<IconFileTypePdf size={18} />} onClick={() => void openFile(`/pallets/${data.id}/label?format=pdf`, 'application/pdf').catch(notifyError)} data-testid="label-pdf">
                PDF
              </Button>
            </Group>
          )
        }
      />
      <QueryState query={pallet}>
        {data && (
          <Stack>
            <Section title={t('products.details')}>
              <Facts items={[{ label: 'SSCC', value: <Text ff="monospace">{data.sscc}</Text>, testId: 'pallet-sscc' }, { label: t('fields.customer'), value: names.customer(order.data?.customerId) }]} />
            </Section>
            <Section title={t('fields.plates')}>
              {order.data && can('shipping', 'write') && order.data.status === 'picking' && <AddItem pallet={data} order={order.data} />}
              <DataList
                testId="pallet-items"
                rows={data.items}
                rowKey={(item) => item.licensePlateId}
                empty={t('sales.emptyPallet')}
                columns={[
                  { key: 'lp', header: t('fields.lpNumber'), render: (item) => item.licensePlateNumber },
                  { key: 'product', header: t('fields.product'), render: (item) => names.productName(item.productId) },
                  { key: 'lot', header: t('fields.lot'), render: (item) => item.lot },
                  { key: 'expiry', header: t('fields.expiryDate'), render: (item) => formatDate(item.expiryDate, i18n.language) },
                  { key: 'qty', header: t('fields.qty'), align: 'right', render: (item) => formatQty(item.qty, item.uom, i18n.language) },
                ]}
              />
            </Section>
            <Section title={t('sales.label')}>
              <QueryState query={label}>{label.data && <Image src={label.data} alt={`SSCC ${data.sscc}`} maw={420} data-testid="label-preview" />}</QueryState>
            </Section>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
