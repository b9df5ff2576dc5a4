import { Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess, useList } from '../../api/queries';
import type { LicensePlate } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { LocationPicker } from '../../components/Pickers';
import { QuantityInput } from '../../components/QuantityInput';
import { formatDate, formatNumber, formatQty, formatUnit } from '../../format';

export type LpAction = 'move' | 'split' | 'merge' | 'adjust' | 'hold' | 'release' | 'reject';

interface Values {
  toLocationId: string | null;
  qty: number | string;
  reason: string;
  sourceIds: string[];
}

/** One dialog per action on a plate; the API decides, field errors land on the fields. */
export function LicensePlateActionModal({ lp, action, onClose }: { lp: LicensePlate; action: LpAction; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const reasonRequired = action === 'adjust' || action === 'hold';
  const candidates = useList<LicensePlate>('/license-plates', { productId: lp.productId, lot: lp.lot, status: 'available' }, { enabled: action === 'merge', limit: 200 });
  const mergeable = candidates.items.filter((other) => other.id !== lp.id && other.expiryDate === lp.expiryDate && other.qaStatus === lp.qaStatus);
  const form = useForm<Values>({
    initialValues: { toLocationId: null, qty: action === 'adjust' ? lp.qty : '', reason: '', sourceIds: [] },
    validate: {
      toLocationId: (value) => (action === 'move' && !value ? t('validation.required') : null),
      qty: (value) => {
        if (action === 'split') return Number(value) > 0 && Number(value) < lp.qty ? null : t('licensePlates.splitQtyRule', { qty: formatNumber(lp.qty, i18n.language) });
        if (action === 'adjust') return value !== '' && Number(value) >= 0 ? null : t('validation.zeroOrMore');
        return null;
      },
      reason: (value) => (reasonRequired && !value.trim() ? t('validation.required') : null),
      sourceIds: (value) => (action === 'merge' && value.length === 0 ? t('licensePlates.pickSources') : null),
    },
  });
  const run = useMutation({
    mutationFn: (values: Values) => {
      const reason = values.reason.trim() || undefined;
      switch (action) {
        case 'move':
          return api<unknown>(`/license-plates/${lp.id}/move`, { method: 'POST', body: { toLocationId: values.toLocationId, ...(reason ? { reason } : {}) } });
        case 'split':
          return api<unknown>(`/license-plates/${lp.id}/split`, { method: 'POST', body: { qty: Number(values.qty) } });
        case 'merge':
          return api<unknown>('/license-plates/merge', { method: 'POST', body: { targetId: lp.id, sourceIds: values.sourceIds } });
        case 'adjust':
          return api<unknown>(`/license-plates/${lp.id}/adjust`, { method: 'POST', body: { qty: Number(values.qty), reason } });
        default:
          return api<unknown>(`/license-plates/${lp.id}/${action}`, { method: 'POST', body: reason ? { reason } : {} });
      }
    },
    meta: { form },
    onSuccess: async (result) => {
      await invalidatePaths(queryClient, '/license-plates', '/stock');
      notifySuccess(t(`licensePlates.done.${action}`, { number: lp.number }));
      onClose();
      const created = (result as { licensePlate?: LicensePlate } | undefined)?.licensePlate;
      if (action === 'split' && created) void navigate(`/license-plates/${created.id}`, { state: { splitFrom: lp.number } });
    },
  });

  return (
    <FormModal opened onClose={onClose} title={`${t(`licensePlates.action.${action}`)} · ${lp.number}`} size="md">
      <form onSubmit={form.onSubmit((values) => run.mutate(values))} noValidate>
        <Stack>
          {action === 'move' && <LocationPicker label={t('fields.toLocation')} required data-autofocus {...form.getInputProps('toLocationId')} />}
          {(action === 'split' || action === 'adjust') && (
            <QuantityInput
              label={action === 'split' ? t('licensePlates.splitQty') : t('licensePlates.countedQty')}
              description={t('licensePlates.currentQty', { qty: formatNumber(lp.qty, i18n.language), uom: formatUnit(lp.uom, i18n.language) })}
              required
              data-autofocus
              rightSection={<Text size="xs" c="dimmed">{formatUnit(lp.uom, i18n.language)}</Text>}
              {...form.getInputProps('qty')}
            />
          )}
          {action === 'merge' && (
            <Stack gap="xs">
              <Text size="sm">{t('licensePlates.mergeHint')}</Text>
              {mergeable.length === 0 && !candidates.isPending && (
                <Text size="sm" c="dimmed">
                  {t('licensePlates.nothingToMerge')}
                </Text>
              )}
              <Checkbox.Group {...form.getInputProps('sourceIds')}>
                <Stack gap={6}>
                  {mergeable.map((other) => (
                    <Checkbox
                      key={other.id}
                      value={other.id}
                      label={`${other.number} · ${formatQty(other.qty, other.uom, i18n.language)} · ${formatDate(other.expiryDate, i18n.language)}`}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            </Stack>
          )}
          {action !== 'split' && action !== 'merge' && (
            <TextInput label={t('fields.reason')} required={reasonRequired} data-autofocus={action !== 'move' && action !== 'adjust'} {...form.getInputProps('reason')} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={run.isPending} color={action === 'reject' ? 'red' : action === 'hold' ? 'orange' : undefined} data-testid="lp-action-submit">
              {t(`licensePlates.action.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
