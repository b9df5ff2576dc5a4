import { Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconCalendarOff, IconCopy, IconEdit, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess } from '../../api/queries';
import type { Bom, Product } from '../../api/types';
import { useSession } from '../../auth/session';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatNumber, formatUnit } from '../../format';
import { BomItemsTable, BomRefusal, bomPhase, phaseColors } from './BomParts';

export function VersionCard({ bom, product, onEdit, onCopy, onEndDate }: { bom: Bom; product: Product; onEdit: () => void; onCopy: () => void; onEndDate: () => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const canWrite = can('technical', 'write');
  const phase = bomPhase(bom);
  const activate = useMutation({
    mutationFn: () => api<Bom>(`/boms/${bom.id}/activate`, { method: 'POST' }),
    meta: { silent: true },
    onSuccess: async () => {
      // Activation changes derived allergens here and in every product made from this one.
      await invalidatePaths(queryClient, '/boms', '/products');
      notifySuccess(t('bom.activated', { version: bom.version }));
    },
  });
  const remove = useMutation({
    mutationFn: () => api(`/boms/${bom.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      setConfirmingDelete(false);
      await invalidatePaths(queryClient, '/boms');
      notifySuccess(t('bom.deleted', { version: bom.version }));
    },
  });

  return (
    <Paper withBorder p={{ base: 'xs', sm: 'sm' }} radius="md" data-testid={`bom-v${bom.version}`} data-status={bom.status}>
      <Group justify="space-between" align="flex-start" gap="xs" mb="xs">
        <div style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Text fw={700}>{t('products.recipeVersion', { version: bom.version })}</Text>
            <StatusBadge status={bom.status} />
            {phase !== 'draft' && (
              <Badge color={phaseColors[phase]} variant="outline" radius="sm" style={{ textTransform: 'none' }} data-testid="bom-phase">
                {t(`bom.phase.${phase}`)}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {formatDate(bom.effectiveFrom, i18n.language)} – {bom.effectiveTo ? formatDate(bom.effectiveTo, i18n.language) : t('bom.openEnded')} ·{' '}
            {t('products.makes', { qty: formatNumber(bom.outputQty, i18n.language), uom: formatUnit(bom.uom, i18n.language) })}
          </Text>
        </div>
        {canWrite && (
          <Group gap={4}>
            {bom.status === 'draft' ? (
              <>
                <Button size="compact-sm" leftSection={<IconPlayerPlay size={14} />} loading={activate.isPending} onClick={() => activate.mutate()} data-testid="bom-activate">
                  {t('bom.activate')}
                </Button>
                <Button size="compact-sm" variant="light" leftSection={<IconEdit size={14} />} onClick={onEdit} data-testid="bom-edit">
                  {t('actions.edit')}
                </Button>
                <Button size="compact-sm" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => setConfirmingDelete(true)} data-testid="bom-delete">
                  {t('actions.delete')}
                </Button>
              </>
            ) : (
              phase !== 'ended' && (
                <Button size="compact-sm" variant="light" color="orange" leftSection={<IconCalendarOff size={14} />} onClick={onEndDate} data-testid="bom-end-date">
                  {t('bom.endDate')}
                </Button>
              )
            )}
            <Button size="compact-sm" variant="subtle" leftSection={<IconCopy size={14} />} onClick={onCopy} data-testid="bom-copy">
              {t('bom.copy')}
            </Button>
          </Group>
        )}
      </Group>
      {activate.isError && (
        <Stack mb="xs">
          <BomRefusal error={activate.error} title={t('bom.cannotActivate', { version: bom.version })} onClose={() => activate.reset()} />
        </Stack>
      )}
      <BomItemsTable bom={bom} />
      <Modal opened={confirmingDelete} onClose={() => setConfirmingDelete(false)} title={t('bom.deleteTitle', { version: bom.version })}>
        <Stack>
          <Text size="sm">{t('bom.deleteText', { product: product.name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmingDelete(false)}>
              {t('actions.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()} data-testid="bom-delete-confirm">
              {t('actions.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
