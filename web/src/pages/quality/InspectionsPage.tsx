import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useList } from '../../api/queries';
import { useCreate } from '../../api/mutations';
import { ageInDays, stages, type Inspection, type Stage } from '../../api/quality';
import { DataList } from '../../components/DataList';
import { FormModal } from '../../components/FormModal';
import { ProductPicker, useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime } from '../../format';
import { QualityListHeader, useStatusParam } from './QualityListHeader';

/** An inspection by hand of any lot still in the plant. */
function InspectLotForm({ onClose, onCreated }: { onClose: () => void; onCreated: (inspection: Inspection) => void }) {
  const { t } = useTranslation();
  const form = useForm<{ productId: string | null; lot: string; stage: Stage | null }>({
    initialValues: { productId: null, lot: '', stage: null },
    validate: { productId: (value) => (value ? null : t('validation.required')), lot: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const create = useCreate<typeof form.values, Inspection>('/inspections', {
    body: (values) => ({ productId: values.productId, lot: values.lot.trim(), ...(values.stage ? { stage: values.stage } : {}) }),
    form,
    success: (inspection) => t('inspections.created', { number: inspection.number }),
    onDone: onCreated,
  });
  return (
    <FormModal opened onClose={onClose} title={t('inspections.new')} size="md">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <ProductPicker label={t('fields.product')} required {...form.getInputProps('productId')} />
          <TextInput label={t('fields.lot')} required {...form.getInputProps('lot')} />
          <Select label={t('inspections.stageLabel')} clearable data={stages.map((stage) => ({ value: stage, label: t(`inspections.stage.${stage}`) }))} {...form.getInputProps('stage')} />
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

/** Inspections by status, oldest first: what waits for a decision. */
export function InspectionsPage() {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [status] = useStatusParam('open');
  const inspections = useList<Inspection>('/inspections', { status: status === 'all' ? undefined : status });
  return (
    <>
      <QualityListHeader
        title={t('nav.inspections')}
        description={t('inspections.description')}
        create={{ label: t('inspections.new'), onClick: () => setCreating(true), testId: 'new-inspection' }}
        filter={{ fallback: 'open', testId: 'inspection-filter', options: (['open', 'completed', 'all'] as const).map((value) => ({ value, label: t(`inspections.filter.${value}`) })) }}
      />
      <QueryState query={inspections}>
        <DataList
          testId="inspections"
          rows={inspections.items}
          rowKey={(inspection) => inspection.id}
          onRowClick={(inspection) => void navigate(`/inspections/${inspection.id}`)}
          hasMore={inspections.hasNextPage}
          onLoadMore={() => void inspections.fetchNextPage()}
          empty={t('inspections.empty')}
          columns={[
            { key: 'number', header: t('fields.number'), render: (inspection) => inspection.number },
            { key: 'product', header: t('fields.product'), render: (inspection) => names.productName(inspection.productId) },
            { key: 'lot', header: t('fields.lot'), render: (inspection) => inspection.lot },
            { key: 'stage', header: t('inspections.stageLabel'), render: (inspection) => `${t(`inspections.stage.${inspection.stage}`)} · ${t(`inspections.origin.${inspection.origin}`)}`, hideOnPhone: true },
            { key: 'status', header: t('fields.status'), render: (inspection) => <StatusBadge status={inspection.decision ?? inspection.status} /> },
            { key: 'age', header: t('inspections.age'), align: 'right', render: (inspection) => (inspection.status === 'open' ? t('ncrs.days', { count: ageInDays(inspection.createdAt) }) : formatDateTime(inspection.completedAt, i18n.language)) },
          ]}
        />
      </QueryState>
      {creating && <InspectLotForm onClose={() => setCreating(false)} onCreated={(inspection) => void navigate(`/inspections/${inspection.id}`)} />}
    </>
  );
}
