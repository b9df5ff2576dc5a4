import { useTranslation } from 'react-i18next';
import type { WorkOrder } from '../../../api/types';
import { DataList } from '../../../components/DataList';
import { Section } from '../../../components/Detail';
import { useNames } from '../../../components/Pickers';
import { formatNumber, formatQty } from '../../../format';
import { MaterialAvailability } from '../MaterialAvailability';

/** The order's materials with consumption and stock; before release, what the recipe would need against the stock now. */
export function MaterialsSection({ order }: { order: WorkOrder }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const qty = (value: number, productId: string) => formatQty(value, names.product(productId)?.uom, i18n.language);
  if (order.status === 'planned' || (order.materials ?? []).length === 0) {
    return (
      <Section title={t('workOrders.materials')}>
        <MaterialAvailability titled={false} productId={order.productId} plannedQty={order.plannedQty} bomId={order.bomId} scheduledDate={order.scheduledDate} />
      </Section>
    );
  }
  return (
    <Section title={t('workOrders.materials')}>
      <DataList
        rows={order.materials ?? []}
        rowKey={(material) => material.productId}
        empty={t('workOrders.noMaterials')}
        columns={[
          { key: 'product', header: t('fields.product'), render: (material) => names.productName(material.productId) },
          { key: 'required', header: t('fields.required'), align: 'right', render: (material) => qty(material.requiredQty, material.productId) },
          { key: 'consumed', header: t('fields.consumed'), align: 'right', render: (material) => qty(material.consumedQty, material.productId) },
          { key: 'usable', header: t('fields.usableStock'), align: 'right', render: (material) => qty(material.usableQty ?? 0, material.productId) },
          {
            key: 'variance',
            header: t('fields.variance'),
            align: 'right',
            render: (material) => (material.variancePercent === null || material.variancePercent === undefined ? '—' : `${formatNumber(material.variancePercent, i18n.language, 2)} %`),
          },
        ]}
      />
    </Section>
  );
}
