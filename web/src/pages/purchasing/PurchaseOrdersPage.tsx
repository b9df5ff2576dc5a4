import { Button, Select } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useList } from '../../api/queries';
import { purchaseOrderStatuses, type PurchaseOrder } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { FilterBar } from '../../components/Filters';
import { PageHeader } from '../../components/PageHeader';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate } from '../../format';
import { PurchaseOrderForm } from './PurchaseOrderForm';

export function PurchaseOrdersPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const names = useNames();
  const [status, setStatus] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const orders = useList<PurchaseOrder>('/purchase-orders', { status: status ?? undefined });
  return (
    <>
      <PageHeader
        title={t('nav.purchaseOrders')}
        description={t('purchasing.description')}
        actions={
          can('planning', 'write') && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="new-purchase-order">
              {t('purchasing.new')}
            </Button>
          )
        }
      />
      <FilterBar>
        <Select
          placeholder={t('common.allStatuses')}
          aria-label={t('fields.status')}
          data={purchaseOrderStatuses.map((value) => ({ value, label: t(`status.${value}`) }))}
          value={status}
          onChange={setStatus}
          clearable
          w={{ base: '100%', xs: 220 }}
        />
      </FilterBar>
      <QueryState query={orders}>
        <DataList
          testId="purchase-orders"
          rows={orders.items}
          rowKey={(order) => order.id}
          onRowClick={(order) => void navigate(`/purchase-orders/${order.id}`)}
          hasMore={orders.hasNextPage}
          onLoadMore={() => void orders.fetchNextPage()}
          empty={status ? t('common.noMatches') : t('purchasing.empty')}
          columns={[
            { key: 'number', header: t('fields.number'), render: (order) => order.number },
            { key: 'supplier', header: t('fields.supplier'), render: (order) => names.supplier(order.supplierId) },
            { key: 'status', header: t('fields.status'), render: (order) => <StatusBadge status={order.status} /> },
            { key: 'expected', header: t('fields.expectedDate'), render: (order) => formatDate(order.expectedDate, i18n.language) },
            { key: 'lines', header: t('purchasing.lines'), align: 'right', render: (order) => order.lines.length },
          ]}
        />
      </QueryState>
      {creating && <PurchaseOrderForm onClose={() => setCreating(false)} onCreated={(order) => void navigate(`/purchase-orders/${order.id}`)} />}
    </>
  );
}
