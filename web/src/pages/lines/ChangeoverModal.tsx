import { Button, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Changeover, ProductionLine, SignatureValues } from '../../api/floor-quality';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess } from '../../api/queries';
import { FormModal } from '../../components/FormModal';
import { formatDateTime } from '../../format';
import { SignatureFields, signatureRules } from '../quality/SignatureFields';

interface Values {
  note: string;
  cleaningVerified: boolean;
  signature: SignatureValues;
}

/** The signed changeover check of a line: cleaning verified after its last order. */
export function ChangeoverModal({ line, onClose }: { line: ProductionLine; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const recent = useQuery({ queryKey: [`/lines/${line.id}/changeovers`], queryFn: ({ signal }) => api<{ items: Changeover[] }>(`/lines/${line.id}/changeovers`, { signal }) });
  const form = useForm<Values>({
    initialValues: { note: '', cleaningVerified: false, signature: { password: '', meaning: t('lines.changeoverMeaning') } },
    validate: { cleaningVerified: (value) => (value ? null : t('validation.required')), ...signatureRules(t('validation.required')) },
  });
  const record = useMutation({
    mutationFn: (values: Values) => api<Changeover>(`/lines/${line.id}/changeovers`, { method: 'POST', body: { ...(values.note.trim() ? { note: values.note.trim() } : {}), signature: values.signature } }),
    meta: { form },
    onSuccess: async () => {
      await invalidatePaths(queryClient, `/lines/${line.id}`, '/work-orders');
      notifySuccess(t('lines.recorded', { code: line.code }));
      onClose();
    },
  });
  return (
    <FormModal opened onClose={onClose} title={t('lines.changeoverTitle', { code: line.code })} size="md">
      <form onSubmit={form.onSubmit((values) => record.mutate(values))} noValidate>
        <Stack>
          <Text size="sm">{t('lines.changeoverHint')}</Text>
          <Checkbox label={t('lines.cleaningVerified')} data-testid="cleaning-verified" {...form.getInputProps('cleaningVerified', { type: 'checkbox' })} />
          <Textarea label={t('haccp.note')} autosize minRows={2} {...form.getInputProps('note')} />
          <SignatureFields form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending} data-testid="changeover-submit">
              {t('lines.changeover')}
            </Button>
          </Group>
          <Text fw={600} size="sm">
            {t('lines.changeovers')}
          </Text>
          {(recent.data?.items ?? []).length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('lines.noChangeovers')}
            </Text>
          ) : (
            recent.data!.items.slice(0, 5).map((item) => (
              <Text key={item.id} size="sm">
                {formatDateTime(item.createdAt, i18n.language)}
                {item.note ? ` · ${item.note}` : ''}
              </Text>
            ))
          )}
        </Stack>
      </form>
    </FormModal>
  );
}
