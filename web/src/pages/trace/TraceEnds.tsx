import { useTranslation } from 'react-i18next';
import type { Trace } from '../../api/types';
import { DataList } from '../../components/DataList';
import { Section } from '../../components/Detail';
import { useNames } from '../../components/Pickers';
import { formatDate } from '../../format';

/** Where the trace ends: the suppliers it came from (backward) and the customers it went to (forward). */
export function TraceEnds({ trace }: { trace: Trace }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const plate = (id: string) => trace.licensePlates.find((lp) => lp.id === id);
  return (
    <>
      {trace.receipts.length > 0 && (
        <Section title={t('trace.suppliers')}>
          <DataList
            rows={trace.receipts}
            rowKey={(receipt) => `${receipt.receiptId}-${receipt.licensePlateId}`}
            columns={[
              { key: 'supplier', header: t('fields.supplier'), render: (receipt) => names.supplier(receipt.supplierId) },
              { key: 'lp', header: t('fields.lpNumber'), render: (receipt) => plate(receipt.licensePlateId)?.number ?? '…' },
              { key: 'product', header: t('fields.product'), render: (receipt) => names.productName(plate(receipt.licensePlateId)?.productId) },
            ]}
          />
        </Section>
      )}
      {trace.shipments.length > 0 && (
        <Section title={t('trace.customers')}>
          <DataList
            rows={trace.shipments}
            rowKey={(shipment) => `${shipment.shipmentId}-${shipment.licensePlateId}`}
            columns={[
              { key: 'customer', header: t('fields.customer'), render: (shipment) => names.customer(shipment.customerId) },
              { key: 'lp', header: t('fields.lpNumber'), render: (shipment) => plate(shipment.licensePlateId)?.number ?? '…' },
              { key: 'date', header: t('fields.shipDate'), render: (shipment) => formatDate(shipment.shipDate, i18n.language) },
            ]}
          />
        </Section>
      )}
    </>
  );
}
