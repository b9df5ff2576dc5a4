import { Button, Checkbox, Group, Paper, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCreate } from '../../api/mutations';
import { useList } from '../../api/queries';
import type { ListedLicensePlate, Shipment } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { PartnerPicker, useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatQty, today } from '../../format';

function ShipmentForm({ onClose, onCreated }: { onClose: () => void; onCreated: (shipment: Shipment) => void }) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState('');
  const plates = useList<ListedLicensePlate>('/license-plates', { status: 'available', qaStatus: 'released' }, { limit: 500 });
  const form = useForm<{ customerId: string | null; shipDate: string; licensePlateIds: string[] }>({
    initialValues: { customerId: null, shipDate: today(), licensePlateIds: [] },
    validate: {
      customerId: (value) => (value ? null : t('validation.required')),
      licensePlateIds: (value) => (value.length ? null : t('shipments.pickPlates')),
    },
  });
  const create = useCreate<typeof form.values, Shipment>('/shipments', {
    body: (values) => ({ customerId: values.customerId, licensePlateIds: values.licensePlateIds, ...(values.shipDate ? { shipDate: values.shipDate } : {}) }),
    invalidates: ['/license-plates', '/stock'],
    form,
    success: (shipment) => t('shipments.created', { number: shipment.number }),
    onDone: onCreated,
  });
  const needle = filter.trim().toLowerCase();
  const shown = plates.items.filter((lp) => !needle || `${lp.number} ${lp.lot} ${lp.productCode} ${lp.productName}`.toLowerCase().includes(needle));
  return (
    <FormModal opened onClose={onClose} title={t('shipments.new')} size="lg">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <Group grow wrap="wrap" align="flex-start">
            <PartnerPicker kind="customers" label={t('fields.customer')} required miw={200} {...form.getInputProps('customerId')} />
            <TextInput type="date" label={t('fields.shipDate')} miw={150} {...form.getInputProps('shipDate')} />
          </Group>
          <TextInput placeholder={t('shipments.filterPlates')} value={filter} onChange={(event) => setFilter(event.currentTarget.value)} />
          <Paper withBorder p="xs">
            <ScrollArea.Autosize mah={320}>
              <Checkbox.Group {...form.getInputProps('licensePlateIds')}>
                <Stack gap={8}>
                  {shown.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t('shipments.noUsablePlates')}
                    </Text>
                  )}
                  {shown.map((lp) => (
                    <Checkbox
                      key={lp.id}
                      value={lp.id}
                      label={`${lp.number} · ${lp.productName} · ${t('fields.lot')} ${lp.lot} · ${formatQty(lp.qty, lp.uom, i18n.language)} · ${formatDate(lp.expiryDate, i18n.language)}`}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            </ScrollArea.Autosize>
          </Paper>
          {form.errors.licensePlateIds && (
            <Text c="red" size="xs">
              {form.errors.licensePlateIds}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('shipments.ship', { count: form.values.licensePlateIds.length })}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}

export function ShipmentsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const names = useNames();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const shipments = useList<Shipment>('/shipments');
  return (
    <>
      <PageHeader
        title={t('nav.shipments')}
        description={t('shipments.description')}
        actions={
          can('shipping', 'write') && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="new-shipment">
              {t('shipments.new')}
            </Button>
          )
        }
      />
      <QueryState query={shipments}>
        <DataList
          testId="shipments"
          rows={shipments.items}
          rowKey={(shipment) => shipment.id}
          onRowClick={(shipment) => void navigate(`/shipments/${shipment.id}`)}
          hasMore={shipments.hasNextPage}
          onLoadMore={() => void shipments.fetchNextPage()}
          empty={t('shipments.empty')}
          columns={[
            { key: 'number', header: t('fields.number'), render: (shipment) => shipment.number },
            { key: 'customer', header: t('fields.customer'), render: (shipment) => names.customer(shipment.customerId) },
            { key: 'date', header: t('fields.shipDate'), render: (shipment) => formatDate(shipment.shipDate, i18n.language) },
            { key: 'plates', header: t('fields.plates'), align: 'right', render: (shipment) => shipment.licensePlates.length },
          ]}
        />
      </QueryState>
      {creating && <ShipmentForm onClose={() => setCreating(false)} onCreated={(shipment) => void navigate(`/shipments/${shipment.id}`)} />}
    </>
  );
}
