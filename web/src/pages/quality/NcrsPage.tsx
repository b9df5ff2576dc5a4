import { Badge, Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCreate } from '../../api/mutations';
import { useList } from '../../api/queries';
import { ageInDays, ncrSeverities, ncrStatuses, type Ncr, type NcrSeverity } from '../../api/quality';
import { DataList } from '../../components/DataList';
import { FormModal } from '../../components/FormModal';
import { ProductPicker, useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { QualityListHeader, useStatusParam } from './QualityListHeader';

export const severityColors: Record<NcrSeverity, string> = { minor: 'gray', major: 'orange', critical: 'red' };

export function SeverityBadge({ severity }: { severity: NcrSeverity }) {
  const { t } = useTranslation();
  return (
    <Badge color={severityColors[severity]} variant="filled" radius="sm" style={{ textTransform: 'none' }}>
      {t(`ncrs.severities.${severity}`)}
    </Badge>
  );
}

function NcrForm({ onClose, onCreated }: { onClose: () => void; onCreated: (ncr: Ncr) => void }) {
  const { t } = useTranslation();
  const form = useForm<{ title: string; description: string; severity: NcrSeverity; productId: string | null; lot: string }>({
    initialValues: { title: '', description: '', severity: 'minor', productId: null, lot: '' },
    validate: { title: (value) => (value.trim() ? null : t('validation.required')), description: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const create = useCreate<typeof form.values, Ncr>('/ncrs', {
    body: (values) => ({ title: values.title, description: values.description, severity: values.severity, ...(values.productId ? { productId: values.productId } : {}), ...(values.lot.trim() ? { lot: values.lot.trim() } : {}) }),
    form,
    success: (ncr) => t('ncrs.created', { number: ncr.number }),
    onDone: onCreated,
  });
  return (
    <FormModal opened onClose={onClose} title={t('ncrs.new')} size="lg">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <TextInput label={t('ncrs.title')} required {...form.getInputProps('title')} />
          <Textarea label={t('ncrs.descriptionField')} required autosize minRows={3} {...form.getInputProps('description')} />
          <Select label={t('ncrs.severity')} data={ncrSeverities.map((severity) => ({ value: severity, label: t(`ncrs.severities.${severity}`) }))} allowDeselect={false} {...form.getInputProps('severity')} />
          <Group grow align="flex-start">
            <ProductPicker label={t('fields.product')} clearable {...form.getInputProps('productId')} />
            <TextInput label={t('fields.lot')} {...form.getInputProps('lot')} />
          </Group>
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

/** NCRs by state, oldest first, with their age. */
export function NcrsPage() {
  const { t } = useTranslation();
  const names = useNames();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [status] = useStatusParam('all');
  const ncrs = useList<Ncr>('/ncrs', { status: status === 'all' ? undefined : status });
  return (
    <>
      <QualityListHeader
        title={t('nav.ncrs')}
        description={t('ncrs.description')}
        create={{ label: t('ncrs.new'), onClick: () => setCreating(true), testId: 'new-ncr' }}
        filter={{ fallback: 'all', testId: 'ncr-filter', options: [{ value: 'all', label: t('ncrs.filterAll') }, ...ncrStatuses.map((value) => ({ value, label: t(`status.${value}`) }))] }}
      />
      <QueryState query={ncrs}>
        <DataList
          testId="ncrs"
          rows={ncrs.items}
          rowKey={(ncr) => ncr.id}
          onRowClick={(ncr) => void navigate(`/ncrs/${ncr.id}`)}
          hasMore={ncrs.hasNextPage}
          onLoadMore={() => void ncrs.fetchNextPage()}
          empty={t('ncrs.empty')}
          columns={[
            { key: 'number', header: t('fields.number'), render: (ncr) => ncr.number },
            { key: 'title', header: t('ncrs.title'), render: (ncr) => ncr.title },
            { key: 'severity', header: t('ncrs.severity'), render: (ncr) => <SeverityBadge severity={ncr.severity} /> },
            { key: 'status', header: t('fields.status'), render: (ncr) => <StatusBadge status={ncr.status} /> },
            { key: 'product', header: t('fields.product'), render: (ncr) => (ncr.productId ? `${names.productName(ncr.productId)}${ncr.lot ? ` · ${ncr.lot}` : ''}` : '—'), hideOnPhone: true },
            { key: 'age', header: t('ncrs.age'), align: 'right', render: (ncr) => t('ncrs.days', { count: ageInDays(ncr.createdAt, ncr.closedAt ? Date.parse(ncr.closedAt) : Date.now()) }) },
          ]}
        />
      </QueryState>
      {creating && <NcrForm onClose={() => setCreating(false)} onCreated={(ncr) => void navigate(`/ncrs/${ncr.id}`)} />}
    </>
  );
}
