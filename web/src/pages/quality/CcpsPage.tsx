import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Ccp } from '../../api/floor-quality';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess } from '../../api/queries';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { LocationPicker, useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { formatNumber } from '../../format';
import { useLocaleDecimals } from '../../components/QuantityInput';

/** "min 72 °C · max —" in the person's language. */
export function useLimits() {
  const { t, i18n } = useTranslation();
  return (ccp: Ccp) => {
    const parts = [ccp.min === null ? null : `≥ ${formatNumber(ccp.min, i18n.language)}`, ccp.max === null ? null : `≤ ${formatNumber(ccp.max, i18n.language)}`].filter(Boolean);
    return parts.length === 0 ? t('haccp.noLimit') : `${parts.join(' · ')} ${ccp.unit}`;
  };
}

/** The critical control points, each opening its chart; quality creates them. */
export function CcpsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const names = useNames();
  const limits = useLimits();
  const [creating, setCreating] = useState(false);
  const ccps = useQuery({ queryKey: ['/haccp/ccps'], queryFn: ({ signal }) => api<{ items: Ccp[] }>('/haccp/ccps', { signal }) });
  return (
    <>
      <PageHeader
        title={t('nav.haccp')}
        description={t('haccp.description')}
        actions={
          can('quality', 'write') && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="new-ccp">
              {t('haccp.new')}
            </Button>
          )
        }
      />
      <QueryState query={ccps}>
        <DataList
          testId="ccps"
          rows={ccps.data?.items ?? []}
          rowKey={(ccp) => ccp.id}
          onRowClick={(ccp) => void navigate(`/haccp/${ccp.id}`)}
          empty={t('haccp.empty')}
          columns={[
            { key: 'code', header: t('fields.code'), render: (ccp) => ccp.code },
            { key: 'name', header: t('fields.name'), render: (ccp) => ccp.name },
            { key: 'hazard', header: t('haccp.hazard'), render: (ccp) => ccp.hazard, hideOnPhone: true },
            { key: 'limits', header: t('haccp.limits'), render: limits },
            { key: 'location', header: t('fields.location'), render: (ccp) => names.location(ccp.locationId), hideOnPhone: true },
            {
              key: 'read',
              header: '',
              render: (ccp) => (
                <Button size="xs" variant="light" onClick={(event) => { event.stopPropagation(); void navigate(`/haccp/${ccp.id}/reading`); }} data-testid={`take-reading-${ccp.code}`}>
                  {t('haccp.takeReading')}
                </Button>
              ),
            },
          ]}
        />
      </QueryState>
      {creating && <CcpForm onClose={() => setCreating(false)} />}
    </>
  );
}

interface CcpValues {
  code: string;
  name: string;
  hazard: string;
  unit: string;
  min: number | string;
  max: number | string;
  locationId: string | null;
}

function CcpForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const localeDecimals = useLocaleDecimals();
  const queryClient = useQueryClient();
  const required = (value: string) => (value.trim() ? null : t('validation.required'));
  const form = useForm<CcpValues>({
    initialValues: { code: '', name: '', hazard: '', unit: '°C', min: '', max: '', locationId: null },
    validate: { code: required, name: required, hazard: required, unit: required },
  });
  const limit = (value: number | string) => (value === '' ? undefined : Number(value));
  const create = useMutation({
    mutationFn: (values: CcpValues) =>
      api<Ccp>('/haccp/ccps', {
        method: 'POST',
        body: { code: values.code.trim(), name: values.name.trim(), hazard: values.hazard.trim(), unit: values.unit.trim(), min: limit(values.min), max: limit(values.max), locationId: values.locationId ?? undefined },
      }),
    meta: { form },
    onSuccess: async (ccp) => {
      await invalidatePaths(queryClient, '/haccp');
      notifySuccess(t('haccp.created', { code: ccp.code }));
      onClose();
    },
  });
  return (
    <FormModal opened onClose={onClose} title={t('haccp.new')} size="md">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <TextInput label={t('fields.code')} required data-autofocus {...form.getInputProps('code')} />
          <TextInput label={t('fields.name')} required {...form.getInputProps('name')} />
          <TextInput label={t('haccp.hazard')} required {...form.getInputProps('hazard')} />
          <Group grow>
            <NumberInput label={t('haccp.min')} decimalScale={6} {...localeDecimals} {...form.getInputProps('min')} />
            <NumberInput label={t('haccp.max')} decimalScale={6} {...localeDecimals} {...form.getInputProps('max')} />
            <TextInput label={t('haccp.unit')} required {...form.getInputProps('unit')} />
          </Group>
          <LocationPicker label={t('fields.location')} clearable {...form.getInputProps('locationId')} />
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
