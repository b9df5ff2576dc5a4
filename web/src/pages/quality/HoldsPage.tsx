import { Badge, Button, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Hold, SignatureValues } from '../../api/floor-quality';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess, useList } from '../../api/queries';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { SignatureFields, signatureRules } from './SignatureFields';

/** Lot-wide holds, open ones first to hand; each released with a signature. */
export function HoldsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const names = useNames();
  const [status, setStatus] = useState<'open' | 'released' | 'all'>('open');
  const [releasing, setReleasing] = useState<Hold | null>(null);
  const holds = useList<Hold>('/holds', status === 'all' ? {} : { status });
  return (
    <>
      <PageHeader title={t('nav.holds')} description={t('holds.description')} />
      <Stack>
        <SegmentedControl
          value={status}
          onChange={(value) => setStatus(value as typeof status)}
          data={[
            { value: 'open', label: t('holds.open') },
            { value: 'released', label: t('holds.released') },
            { value: 'all', label: t('holds.all') },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
        <QueryState query={holds}>
          <DataList
            testId="holds"
            rows={holds.items}
            rowKey={(hold) => hold.id}
            hasMore={holds.hasNextPage}
            onLoadMore={() => void holds.fetchNextPage()}
            empty={t('holds.empty')}
            columns={[
              { key: 'number', header: t('fields.number'), render: (hold) => hold.number },
              { key: 'lot', header: t('fields.lot'), render: (hold) => `${names.productName(hold.productId)} · ${hold.lot}` },
              { key: 'reason', header: t('fields.reason'), render: (hold) => hold.reason, hideOnPhone: true },
              { key: 'plates', header: t('holds.plates'), align: 'right', render: (hold) => hold.licensePlateCount },
              { key: 'created', header: t('fields.createdAt'), render: (hold) => formatDateTime(hold.createdAt, i18n.language), hideOnPhone: true },
              {
                key: 'status',
                header: t('fields.status'),
                render: (hold) => (
                  <Badge color={hold.status === 'open' ? 'orange' : 'teal'} variant="light" radius="sm" style={{ textTransform: 'none' }}>
                    {t(`holds.${hold.status}`)}
                  </Badge>
                ),
              },
              {
                key: 'actions',
                header: '',
                render: (hold) =>
                  hold.status === 'open' && can('quality', 'write') ? (
                    <Button size="xs" variant="light" onClick={() => setReleasing(hold)} data-testid={`release-${hold.number}`}>
                      {t('holds.release')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </QueryState>
      </Stack>
      {releasing && <ReleaseHoldModal hold={releasing} onClose={() => setReleasing(null)} />}
    </>
  );
}

function ReleaseHoldModal({ hold, onClose }: { hold: Hold; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<{ reason: string; signature: SignatureValues }>({
    initialValues: { reason: '', signature: { password: '', meaning: t('holds.releaseMeaning') } },
    validate: { reason: (value) => (value.trim() ? null : t('validation.required')), ...signatureRules(t('validation.required')) },
  });
  const release = useMutation({
    mutationFn: (values: { reason: string; signature: SignatureValues }) => api<Hold>(`/holds/${hold.id}/release`, { method: 'POST', body: { reason: values.reason.trim(), signature: values.signature } }),
    meta: { form },
    onSuccess: async (released) => {
      await invalidatePaths(queryClient, '/holds', '/license-plates', '/trace', '/stock');
      notifySuccess(t('holds.releasedDone', { number: released.number, count: released.releasedLicensePlateIds?.length ?? 0 }));
      onClose();
    },
  });
  return (
    <FormModal opened onClose={onClose} title={t('holds.releaseTitle', { number: hold.number })} size="md">
      <form onSubmit={form.onSubmit((values) => release.mutate(values))} noValidate>
        <Stack>
          <Text size="sm">{t('holds.releaseHint')}</Text>
          <Textarea label={t('fields.reason')} required autosize minRows={2} data-autofocus {...form.getInputProps('reason')} />
          <SignatureFields form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={release.isPending} data-testid="release-submit">
              {t('holds.release')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
