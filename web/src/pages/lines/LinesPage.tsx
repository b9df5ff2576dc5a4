import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductionLine } from '../../api/floor-quality';
import { useCreate } from '../../api/mutations';
import { useList, useLookup } from '../../api/queries';
import type { Warehouse } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { ChangeoverModal } from './ChangeoverModal';

/** Production lines (master data), each with its signed allergen changeover check. */
export function LinesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [creating, setCreating] = useState(false);
  const [changingOver, setChangingOver] = useState<ProductionLine | null>(null);
  const lines = useList<ProductionLine>('/lines');
  const warehouses = useLookup<Warehouse>('/warehouses');
  return (
    <>
      <PageHeader
        title={t('nav.lines')}
        description={t('lines.description')}
        actions={
          can('settings', 'write') && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="new-line">
              {t('lines.new')}
            </Button>
          )
        }
      />
      <QueryState query={lines}>
        <DataList
          testId="lines"
          rows={lines.items}
          rowKey={(line) => line.id}
          hasMore={lines.hasNextPage}
          onLoadMore={() => void lines.fetchNextPage()}
          empty={t('lines.empty')}
          columns={[
            { key: 'code', header: t('fields.code'), render: (line) => line.code },
            { key: 'name', header: t('fields.name'), render: (line) => line.name },
            { key: 'warehouse', header: t('nav.warehouses'), render: (line) => warehouses.byId.get(line.warehouseId)?.name ?? '…', hideOnPhone: true },
            { key: 'active', header: t('fields.status'), render: (line) => <StatusBadge status={line.active ? 'active' : 'inactive'} /> },
            {
              key: 'changeover',
              header: '',
              render: (line) =>
                can('production', 'write') && line.active ? (
                  <Button size="xs" variant="light" onClick={() => setChangingOver(line)} data-testid={`changeover-${line.code}`}>
                    {t('lines.changeover')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </QueryState>
      {creating && <LineForm warehouses={warehouses.items} onClose={() => setCreating(false)} />}
      {changingOver && <ChangeoverModal line={changingOver} onClose={() => setChangingOver(null)} />}
    </>
  );
}

function LineForm({ warehouses, onClose }: { warehouses: Warehouse[]; onClose: () => void }) {
  const { t } = useTranslation();
  const required = (value: string | null) => (value && value.trim() ? null : t('validation.required'));
  const form = useForm({ initialValues: { code: '', name: '', warehouseId: warehouses[0]?.id ?? null }, validate: { code: required, name: required, warehouseId: required } });
  const create = useCreate<typeof form.values, ProductionLine>('/lines', {
    body: (values) => ({ code: values.code.trim(), name: values.name.trim(), warehouseId: values.warehouseId }),
    form,
    success: t('common.saved'),
    onDone: onClose,
  });
  return (
    <FormModal opened onClose={onClose} title={t('lines.new')} size="md">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <TextInput label={t('fields.code')} required data-autofocus {...form.getInputProps('code')} />
          <TextInput label={t('fields.name')} required {...form.getInputProps('name')} />
          <Select label={t('nav.warehouses')} required data={warehouses.map((warehouse) => ({ value: warehouse.id, label: `${warehouse.code} · ${warehouse.name}` }))} {...form.getInputProps('warehouseId')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
