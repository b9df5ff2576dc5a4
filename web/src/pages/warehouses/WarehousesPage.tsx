import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useList } from '../../api/queries';
import type { Warehouse } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { CodedRecordForm } from '../partners/CodedRecordForm';

export function WarehousesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const warehouses = useList<Warehouse>('/warehouses');
  return (
    <>
      <PageHeader
        title={t('nav.warehouses')}
        description={t('warehouses.description')}
        actions={
          can('settings', 'write') && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="new-warehouse">
              {t('warehouses.new')}
            </Button>
          )
        }
      />
      <QueryState query={warehouses}>
        <DataList
          testId="warehouses"
          rows={warehouses.items}
          rowKey={(warehouse) => warehouse.id}
          onRowClick={(warehouse) => void navigate(`/warehouses/${warehouse.id}`)}
          hasMore={warehouses.hasNextPage}
          onLoadMore={() => void warehouses.fetchNextPage()}
          empty={t('warehouses.empty')}
          columns={[
            { key: 'name', header: t('fields.name'), render: (warehouse) => warehouse.name },
            { key: 'code', header: t('fields.code'), render: (warehouse) => warehouse.code },
            { key: 'active', header: t('fields.status'), render: (warehouse) => <StatusBadge status={warehouse.active ? 'active' : 'inactive'} /> },
          ]}
        />
      </QueryState>
      {creating && <CodedRecordForm path="/warehouses" withContact={false} title={t('warehouses.new')} opened onClose={() => setCreating(false)} />}
    </>
  );
}
