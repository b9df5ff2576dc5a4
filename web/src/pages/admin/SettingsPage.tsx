import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { notifySuccess } from '../../api/queries';
import type { OrgSettings } from '../../api/types';
import { useSession } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Gs1TestBox } from './Gs1TestBox';
import { OrganizationExportSection } from './OrganizationExportSection';

const timeZones: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Europe/Warsaw', 'Europe/London', 'UTC'];

function SettingsForm({ settings }: { settings: OrgSettings }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const canWrite = can('settings', 'write');
  // A text input holds '' where the settings hold null (no prefix yet); it goes back as null.
  const form = useForm({ initialValues: { ...settings, gs1CompanyPrefix: settings.gs1CompanyPrefix ?? '' } });
  const save = useMutation({
    mutationFn: (values: OrgSettings) =>
      api<OrgSettings>('/settings', { method: 'PATCH', body: { ...values, gs1CompanyPrefix: values.gs1CompanyPrefix?.trim() || null } }),
    meta: { form },
    onSuccess: (saved) => {
      queryClient.setQueryData(['/settings'], saved);
      notifySuccess(t('common.saved'));
    },
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack maw={720}>
        <Paper withBorder p="md">
          <Text fw={700} mb="sm">
            {t('settings.quality')}
          </Text>
          <Stack>
            <Switch
              label={t('settings.receiptQaRequired')}
              description={t('settings.receiptQaRequiredHint')}
              disabled={!canWrite}
              {...form.getInputProps('receiptQaRequired', { type: 'checkbox' })}
            />
            <Switch
              label={t('settings.outputQaRequired')}
              description={t('settings.outputQaRequiredHint')}
              disabled={!canWrite}
              {...form.getInputProps('outputQaRequired', { type: 'checkbox' })}
            />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Text fw={700} mb="sm">
            {t('settings.stock')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput label={t('settings.overReceiptTolerancePercent')} min={0} max={1000} suffix=" %" disabled={!canWrite} {...form.getInputProps('overReceiptTolerancePercent')} />
            <NumberInput
              label={t('terminal.settings.overConsumptionTolerancePercent')}
              description={t('terminal.settings.overConsumptionHint')}
              min={0}
              max={1000}
              decimalScale={2}
              suffix=" %"
              disabled={!canWrite}
              data-testid="over-consumption-tolerance"
              {...form.getInputProps('overConsumptionTolerancePercent')}
            />
            <NumberInput label={t('settings.expiryWarningDays')} min={0} max={3650} allowDecimal={false} disabled={!canWrite} {...form.getInputProps('expiryWarningDays')} />
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md">
          <Text fw={700} mb="sm">
            {t('settings.regional')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('settings.locale')}
              description={t('settings.localeHint')}
              data={[
                { value: 'en', label: t('languages.en') },
                { value: 'pl', label: t('languages.pl') },
              ]}
              allowDeselect={false}
              disabled={!canWrite}
              {...form.getInputProps('locale')}
            />
            <Select
              label={t('settings.timezone')}
              description={t('settings.timezoneHint')}
              // The browser's list leaves out aliases such as UTC: the organization's own zone is always offered.
              data={timeZones.includes(form.values.timezone) ? timeZones : [form.values.timezone, ...timeZones]}
              searchable
              allowDeselect={false}
              disabled={!canWrite}
              {...form.getInputProps('timezone')}
            />
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md">
          <Text fw={700} mb="sm">
            {t('gs1.title')}
          </Text>
          <Stack>
            <TextInput
              label={t('gs1.companyPrefix')}
              description={t('gs1.companyPrefixHint')}
              inputMode="numeric"
              maxLength={10}
              disabled={!canWrite}
              data-testid="gs1-company-prefix"
              {...form.getInputProps('gs1CompanyPrefix')}
            />
            <Gs1TestBox />
          </Stack>
        </Paper>
        {canWrite && (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              {t('actions.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const settings = useQuery({ queryKey: ['/settings'], queryFn: ({ signal }) => api<OrgSettings>('/settings', { signal }) });
  return (
    <>
      <PageHeader title={t('nav.settings')} description={t('settings.description')} />
      <QueryState query={settings}>{settings.data && <SettingsForm key={JSON.stringify(settings.data)} settings={settings.data} />}</QueryState>
      {can('settings', 'write') && <OrganizationExportSection />}
    </>
  );
}
