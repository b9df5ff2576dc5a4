import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useList } from '../../api/queries';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { FilterBar, SearchInput } from '../../components/Filters';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { CodedRecordForm, type CodedRecord } from './CodedRecordForm';
import { customerRulesText } from './CustomerRulesFields';

/** Suppliers (planning rights to change) or customers (shipping rights). */
export function PartnersPage({ kind }: { kind: 'suppliers' | 'customers' }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<CodedRecord | 'new' | null>(null);
  const path = `/${kind}`;
  const records = useList<CodedRecord>(path, { search: search || undefined });
  const canWrite = can(kind === 'suppliers' ? 'planning' : 'shipping', 'write');

  return (
    <>
      <PageHeader
        title={t(`nav.${kind}`)}
        description={t(`partners.${kind}Description`)}
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')} data-testid={`new-${kind}`}>
              {t(`partners.new.${kind}`)}
            </Button>
          )
        }
      />
      <FilterBar>
        <SearchInput value={search} onChange={setSearch} />
      </FilterBar>
      <QueryState query={records}>
        <DataList
          testId={kind}
          rows={records.items}
          rowKey={(record) => record.id}
          onRowClick={canWrite ? (record) => setEditing(record) : undefined}
          hasMore={records.hasNextPage}
          loadingMore={records.isFetchingNextPage}
          onLoadMore={() => void records.fetchNextPage()}
          empty={search ? t('common.noMatches') : t(`partners.empty.${kind}`)}
          columns={[
            { key: 'name', header: t('fields.name'), render: (record) => record.name },
            { key: 'code', header: t('fields.code'), render: (record) => record.code },
            { key: 'email', header: t('fields.email'), render: (record) => record.email || '—' },
            { key: 'phone', header: t('fields.phone'), render: (record) => record.phone || '—' },
            ...(kind === 'customers'
              ? [{ key: 'rules', header: t('partners.rules'), render: (record: CodedRecord) => customerRulesText(record, t) }]
              : []),
            { key: 'active', header: t('fields.status'), render: (record) => <StatusBadge status={record.active ? 'active' : 'inactive'} /> },
          ]}
        />
      </QueryState>
      {editing && (
        <CodedRecordForm
          path={path}
          withContact
          withRules={kind === 'customers'}
          record={editing === 'new' ? undefined : editing}
          title={editing === 'new' ? t(`partners.new.${kind}`) : editing.name}
          opened
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
