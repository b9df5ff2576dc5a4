import { Button, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Hold } from '../../api/floor-quality';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess } from '../../api/queries';
import { useSession } from '../../auth/session';
import { FormModal } from '../../components/FormModal';

/** One button: holds every plate of a lot still in the plant (and, by default, what was made from it). */
export function HoldLotButton({ productId, lot, testId = 'hold-lot' }: { productId: string; lot: string; testId?: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const form = useForm({
    initialValues: { reason: '', includeDerived: true },
    validate: { reason: (value: string) => (value.trim() ? null : t('validation.required')) },
  });
  const hold = useMutation({
    mutationFn: (values: { reason: string; includeDerived: boolean }) => api<Hold>('/holds', { method: 'POST', body: { productId, lot, reason: values.reason.trim(), includeDerived: values.includeDerived } }),
    meta: { form },
    onSuccess: async (placed) => {
      await invalidatePaths(queryClient, '/trace', '/license-plates', '/holds', '/stock');
      notifySuccess(t('holds.held', { number: placed.number, count: placed.licensePlateIds?.length ?? 0 }));
      setOpened(false);
      form.reset();
    },
  });
  if (!can('quality', 'write')) return null;
  return (
    <>
      <Button color="orange" leftSection={<IconLock size={18} />} onClick={() => setOpened(true)} data-testid={testId}>
        {t('holds.holdLot')}
      </Button>
      <FormModal opened={opened} onClose={() => setOpened(false)} title={t('holds.holdLotTitle', { lot })} size="md">
        <form onSubmit={form.onSubmit((values) => hold.mutate(values))} noValidate>
          <Stack>
            <Text size="sm">{t('holds.holdLotHint')}</Text>
            <Textarea label={t('fields.reason')} required autosize minRows={2} data-autofocus data-testid="hold-reason" {...form.getInputProps('reason')} />
            <Checkbox label={t('holds.includeDerived')} {...form.getInputProps('includeDerived', { type: 'checkbox' })} data-testid="hold-include-derived" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit" color="orange" loading={hold.isPending} data-testid="hold-submit">
                {t('holds.holdLot')}
              </Button>
            </Group>
          </Stack>
        </form>
      </FormModal>
    </>
  );
}
