import { Alert, Anchor, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { errorMessage, notifySuccess, showOnForm } from '../../api/queries';
import type { Bom } from '../../api/types';
import { formatNumber, formatQty, today } from '../../format';

/** Where a version stands today: a draft, or an active version that is in force, scheduled or ended. */
export function bomPhase(bom: Bom, on = today()): 'draft' | 'inForce' | 'scheduled' | 'ended' {
  if (bom.status === 'draft') return 'draft';
  if (bom.effectiveFrom > on) return 'scheduled';
  if (bom.effectiveTo !== null && bom.effectiveTo < on) return 'ended';
  return 'inForce';
}

export const phaseColors = { draft: 'gray', inForce: 'teal', scheduled: 'blue', ended: 'gray' } as const;

/** Says in the person's language why the API refused (409: overlapping dates or a cycle), and what to do. */
export function BomRefusal({ error, title, onClose }: { error: unknown; title: string; onClose?: () => void }) {
  const { t } = useTranslation();
  const detail = errorMessage(error);
  const overlap = /overlap active version (\d+)/.exec(detail);
  const cycle = /contain itself: (.+)$/.exec(detail);
  const explanation = overlap ? t('bom.overlap', { version: overlap[1] ?? '' }) : cycle ? t('bom.cycle', { path: cycle[1] ?? '' }) : null;
  return (
    <Alert color="red" variant="light" title={title} withCloseButton={Boolean(onClose)} onClose={onClose} data-testid="bom-refusal" data-reason={overlap ? 'overlap' : cycle ? 'cycle' : 'other'}>
      <Stack gap={4}>
        <Text size="sm">{explanation ?? detail}</Text>
        {explanation && error instanceof ApiError && (
          <Text size="xs" c="dimmed">
            {detail}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

export function EndDateModal({ bom, onClose }: { bom: Bom; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(bom.effectiveTo ?? today());
  const [fieldError, setFieldError] = useState<string | null>(null);
  const endDate = useMutation({
    mutationFn: () => api<Bom>(`/boms/${bom.id}`, { method: 'PATCH', body: { effectiveTo: date } }),
    meta: { silent: true },
    onMutate: () => setFieldError(null),
    onSuccess: async () => {
      await invalidatePaths(queryClient, '/boms', '/products');
      notifySuccess(t('bom.endDated', { version: bom.version, date }));
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) showOnForm({ getValues: () => ({ effectiveTo: date }), setFieldError: (_path, message) => setFieldError(message) }, error);
    },
  });
  const refused = endDate.error && !(endDate.error instanceof ApiError && endDate.error.problem.errors?.some((each) => each.path === 'effectiveTo'));
  return (
    <Modal opened onClose={onClose} title={t('bom.endDateTitle', { version: bom.version })}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('bom.endDateHint')}
        </Text>
        <TextInput type="date" label={t('bom.effectiveTo')} value={date} min={bom.effectiveFrom} onChange={(event) => setDate(event.currentTarget.value)} error={fieldError} data-testid="bom-end-date-input" data-autofocus />
        {refused && <BomRefusal error={endDate.error} title={t('bom.cannotEndDate')} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button color="orange" loading={endDate.isPending} disabled={!date} onClick={() => endDate.mutate()} data-testid="bom-end-date-save">
            {t('bom.endDate')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The items of a version: compact enough for a phone (product and code in one cell). */
export function BomItemsTable({ bom }: { bom: Bom }) {
  const { t, i18n } = useTranslation();
  return (
    <Table verticalSpacing={6} horizontalSpacing="xs" withTableBorder={false} data-testid="bom-items">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('fields.product')}</Table.Th>
          <Table.Th ta="right">{t('fields.qty')}</Table.Th>
          <Table.Th ta="right">{t('fields.scrapPercent')}</Table.Th>
          <Table.Th ta="right" visibleFrom="sm">
            {t('bom.grossQty')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {bom.items.map((item) => (
          <Table.Tr key={item.id} data-testid="bom-item">
            <Table.Td style={{ minWidth: 0 }}>
              <Anchor component={Link} to={`/products/${item.productId}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {item.productName}
              </Anchor>
              <Text size="xs" c="dimmed">
                {item.productCode}
              </Text>
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {formatQty(item.qty, item.uom, i18n.language)}
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {formatNumber(item.scrapPercent, i18n.language)} %
            </Table.Td>
            <Table.Td ta="right" visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
              {formatQty(item.grossQty, item.uom, i18n.language)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
