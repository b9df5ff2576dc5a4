import { Badge, Button, Group, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess, useList, useRecord } from '../../api/queries';
import { locationTypes, type Location, type Warehouse } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { BackLink, Section } from '../../components/Detail';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { CodedRecordForm } from '../partners/CodedRecordForm';

const typeColors = { storage: 'blue', receiving: 'teal', production: 'grape', shipping: 'indigo', quarantine: 'red' } as const;

export function LocationTypeBadge({ type }: { type: Location['type'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={typeColors[type]} variant="light" radius="sm" style={{ textTransform: 'none', minWidth: 'max-content' }}>
      {t(`locationType.${type}`)}
    </Badge>
  );
}

function LocationForm({ warehouseId, location, onClose }: { warehouseId: string; location?: Location; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { code: location?.code ?? '', name: location?.name ?? '', type: location?.type ?? 'storage', active: location?.active ?? true },
    validate: {
      code: (value) => (location || value.trim() ? null : t('validation.required')),
      name: (value) => (value.trim() ? null : t('validation.required')),
    },
  });
  const save = useMutation({
    mutationFn: (values: typeof form.values) =>
      location
        ? api<Location>(`/locations/${location.id}`, { method: 'PATCH', body: { name: values.name.trim(), type: values.type, active: values.active } })
        : api<Location>('/locations', { method: 'POST', body: { warehouseId, code: values.code.trim(), name: values.name.trim(), type: values.type } }),
    meta: { form },
    onSuccess: async () => {
      await invalidatePaths(queryClient, '/locations');
      notifySuccess(t('common.saved'));
      onClose();
    },
  });
  return (
    <FormModal opened onClose={onClose} title={location ? location.code : t('warehouses.newLocation')} size="md">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('fields.code')} required disabled={Boolean(location)} data-autofocus {...form.getInputProps('code')} />
            <TextInput label={t('fields.name')} required {...form.getInputProps('name')} />
          </SimpleGrid>
          <Select
            label={t('fields.locationType')}
            data={locationTypes.map((type) => ({ value: type, label: t(`locationType.${type}`) }))}
            allowDeselect={false}
            {...form.getInputProps('type')}
          />
          {location && <Switch label={t('fields.active')} {...form.getInputProps('active', { type: 'checkbox' })} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {location ? t('actions.save') : t('actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}

export function WarehouseDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { can } = useSession();
  const warehouse = useRecord<Warehouse>(`/warehouses/${id}`);
  const locations = useList<Location>('/locations', { warehouseId: id }, { limit: 200 });
  const [editingWarehouse, setEditingWarehouse] = useState(false);
  const [editing, setEditing] = useState<Location | 'new' | null>(null);
  const canWrite = can('settings', 'write');

  return (
    <>
      <PageHeader
        back={<BackLink to="/warehouses">{t('nav.warehouses')}</BackLink>}
        title={warehouse.data?.name ?? t('nav.warehouses')}
        description={warehouse.data?.code}
        actions={
          canWrite &&
          warehouse.data && (
            <Button variant="light" leftSection={<IconEdit size={18} />} onClick={() => setEditingWarehouse(true)}>
              {t('actions.edit')}
            </Button>
          )
        }
      />
      <QueryState query={warehouse}>
        <Section
          title={t('warehouses.locations')}
          actions={
            canWrite && (
              <Button size="xs" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="new-location">
                {t('warehouses.newLocation')}
              </Button>
            )
          }
        >
          <QueryState query={locations}>
            <DataList
              testId="locations"
              rows={locations.items}
              rowKey={(location) => location.id}
              onRowClick={canWrite ? (location) => setEditing(location) : undefined}
              hasMore={locations.hasNextPage}
              onLoadMore={() => void locations.fetchNextPage()}
              empty={t('warehouses.noLocations')}
              columns={[
                { key: 'code', header: t('fields.code'), render: (location) => location.code },
                { key: 'name', header: t('fields.name'), render: (location) => location.name },
                { key: 'type', header: t('fields.locationType'), render: (location) => <LocationTypeBadge type={location.type} /> },
                { key: 'active', header: t('fields.status'), render: (location) => <StatusBadge status={location.active ? 'active' : 'inactive'} /> },
              ]}
            />
          </QueryState>
        </Section>
      </QueryState>
      {editing && id && <LocationForm warehouseId={id} location={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      {editingWarehouse && warehouse.data && (
        <CodedRecordForm path="/warehouses" withContact={false} record={warehouse.data} title={warehouse.data.name} opened onClose={() => setEditingWarehouse(false)} />
      )}
    </>
  );
}
