import { Button, Select } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useList } from '../../api/queries';
import { salesOrderStatuses, type SalesOrder } from '../../api/sales';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { FilterBar } from '../../components/Filters';
import { PageHeader } from '../../components/PageHeader';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate } from '../../format';
import { SalesOrderForm } from './SalesOrderForm';

/** Sales orders with their status and customer; a new one opens the form. */
export function SalesOrdersPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const names = useNames();
  const [status, setStatus] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const orders = useList<SalesOrder>('/sales-orders', { status: status ?? undefined });
  return (
    <>
      <PageHeader
        title={t('nav.salesOrders')}
        description={t('sales.description')}
        actions={
          can('shipping', 'write') && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="new-sales-order">
              {t('sales.new')}
            </Button>
          )
        }
      />
      <FilterBar>
        <Select
          placeholder={t('common.allStatuses')}
          aria-label={t('fields.status')}
          data={salesOrderStatuses.map((value) => ({ value, label: t(`status.${value}`) }))}
          value={status}
          onChange={setStatus}
          clearable
          w={{ base: '100%', xs: 220 }}
        />
      </FilterBar>
      <QueryState query={orders}>
        <DataList
          testId="sales-orders"
          rows={orders.items}
          rowKey={(order) => order.id}
          onRowClick={(order) => void navigate(`/sales-orders/${order.id}`)}
          hasMore={orders.hasNextPage}
          onLoadMore={() => void orders.fetchNextPage()}
          empty={status ? t('common.noMatches') : t('sales.empty')}
          columns={[
            { key: 'number', header: t('fields.number'), render: (order) => order.number },
            { key: 'customer', header: t('fields.customer'), render: (order) => names.customer(order.customerId) },
            { key: 'status', header: t('fields.status'), render: (order) => <StatusBadge status={order.status} /> },
            { key: 'requested', header: t('sales.requestedDate'), render: (order) => formatDate(order.requestedDate, i18n.language) },
            { key: 'lines', header: t('purchasing.lines'), align: 'right', render: (order) => order.lines.length },
          ]}
        />
      </QueryState>
      {creating && <SalesOrderForm onClose={() => setCreating(false)} onCreated={(order) => void navigate(`/sales-orders/${order.id}`)} />}
    </>
  );
}
