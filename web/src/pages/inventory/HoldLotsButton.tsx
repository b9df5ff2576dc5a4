import { Button, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import type { Hold } from '../../api/floor-quality';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess } from '../../api/queries';
import type { LicensePlate } from '../../api/types';
import { useSession } from '../../auth/session';
import { FormModal } from '../../components/FormModal';

type Filters = Record<string, string | undefined>;
type Lot = { productId: string; lot: string };

/** Plates read per page while gathering the lots; a filter reaching more pages than this many is cut there. */
const PAGE = 500;
const MAX_PAGES = 20;

/** Every lot (product and lot) among the plates the filters list, across all their pages. */
async function lotsListed(filters: Filters): Promise<Lot[]> {
  const lots = new Map<string, Lot>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await api<Page<LicensePlate>>('/license-plates', { query: { ...filters, limit: PAGE, cursor } });
    for (const lp of answer.items) lots.set(`${lp.productId}/${lp.lot}`, { productId: lp.productId, lot: lp.lot });
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return [...lots.values()];
}

/**
 * One button for a filtered plate list: holds, with one reason, everything still in the plant
 * of every lot the list shows (POST /holds per product and lot), and with the box left ticked
 * what was made from them.
 */
export function HoldLotsButton({ filters, shown }: { filters: Filters; shown: LicensePlate[] }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const form = useForm({ initialValues: { reason: '', includeDerived: true }, validate: { reason: (value: string) => (value.trim() ? null : t('validation.required')) } });
  const shownLots = [...new Set(shown.map((lp) => lp.lot))];
  const hold = useMutation({
    mutationFn: async (values: { reason: string; includeDerived: boolean }) => {
      const holds: Hold[] = [];
      for (const lot of await lotsListed(filters)) holds.push(await api<Hold>('/holds', { method: 'POST', body: { ...lot, reason: values.reason.trim(), includeDerived: values.includeDerived } }));
      return holds;
    },
    meta: { form },
    onSuccess: async (holds) => {
      await invalidatePaths(queryClient, '/trace', '/license-plates', '/holds', '/stock', '/dashboard');
      notifySuccess(t('recall.plates.heldLots', { count: holds.length, plates: holds.reduce((sum, placed) => sum + (placed.licensePlateIds?.length ?? 0), 0) }));
      setOpened(false);
      form.reset();
    },
  });
  if (!can('quality', 'write') || shown.length === 0) return null;
  return (
    <>
      <Button color="orange" leftSection={<IconLock size={18} />} onClick={() => setOpened(true)} data-testid="hold-lots">
        {t('recall.plates.holdLots')}
      </Button>
      <FormModal opened={opened} onClose={() => setOpened(false)} title={t('recall.plates.holdLotsTitle', { count: shownLots.length })} size="md">
        <form onSubmit={form.onSubmit((values) => hold.mutate(values))} noValidate>
          <Stack>
            <Text size="sm">{t('recall.plates.holdLotsHint', { lots: shownLots.slice(0, 12).join(', ') + (shownLots.length > 12 ? '…' : '') })}</Text>
            <Textarea label={t('fields.reason')} required autosize minRows={2} data-autofocus data-testid="hold-reason" {...form.getInputProps('reason')} />
            <Checkbox label={t('holds.includeDerived')} {...form.getInputProps('includeDerived', { type: 'checkbox' })} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit" color="orange" loading={hold.isPending} data-testid="hold-submit">
                {t('recall.plates.holdLots')}
              </Button>
            </Group>
          </Stack>
        </form>
      </FormModal>
    </>
  );
}
