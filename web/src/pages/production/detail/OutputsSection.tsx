import { Anchor, Button } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkOrder } from '../../../api/types';
import { DataList } from '../../../components/DataList';
import { Section } from '../../../components/Detail';
import { useNames } from '../../../components/Pickers';
import { formatDate, formatQty } from '../../../format';

export function OutputsSection({ order }: { order: WorkOrder }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const uom = names.product(order.productId)?.uom ?? '';
  return (
    <Section title={t('workOrders.outputs')}>
      <DataList
        rows={order.outputs ?? []}
        rowKey={(output) => output.id}
        empty={t('workOrders.noOutputs')}
        columns={[
          {
            key: 'lp',
            header: t('fields.lpNumber'),
            render: (output) => (
              <Anchor component={Link} to={`/license-plates/${output.licensePlateId}`} ff="monospace" fw={600}>
                {output.number}
              </Anchor>
            ),
          },
          { key: 'lot', header: t('fields.lot'), render: (output) => output.lot },
          { key: 'expiry', header: t('fields.expiryDate'), render: (output) => formatDate(output.expiryDate, i18n.language) },
          { key: 'qty', header: t('fields.qty'), align: 'right', render: (output) => formatQty(output.qty, uom, i18n.language) },
          {
            key: 'label',
            header: '',
            render: (output) => (
              <Button component={Link} to={`/labels/${output.licensePlateId}`} target="_blank" size="compact-sm" variant="subtle" leftSection={<IconPrinter size={14} />}>
                {t('terminal.printLabel')}
              </Button>
            ),
          },
        ]}
      />
    </Section>
  );
}
