import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconCalendarOff, IconCopy, IconEdit, IconPlayerPlay, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, type Page } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { errorMessage, notifySuccess, showOnForm } from '../../api/queries';
import type { Bom, Product } from '../../api/types';
import { useSession } from '../../auth/session';
import { Section } from '../../components/Detail';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatNumber, formatQty, formatUnit, today } from '../../format';
import { BomForm } from './BomForm';

/** Where a version stands today: a draft, or an active version that is in force, scheduled or ended. */
export function bomPhase(bom: Bom, on = today()): 'draft' | 'inForce' | 'scheduled' | 'ended' {
  if (bom.status === 'draft') return 'draft';
  if (bom.effectiveFrom > on) return 'scheduled';
  if (bom.effectiveTo !== null && bom.effectiveTo < on) return 'ended';
  return 'inForce';
}

const phaseColors = { draft: 'gray', inForce: 'teal', scheduled: 'blue', ended: 'gray' } as const;

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

function EndDateModal({ bom, onClose }: { bom: Bom; onClose: () => void }) {
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
function BomItemsTable({ bom }: { bom: Bom }) {
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

function VersionCard({ bom, product, onEdit, onCopy, onEndDate }: { bom: Bom; product: Product; onEdit: () => void; onCopy: () => void; onEndDate: () => void }) {
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

type Editing = { kind: 'new' } | { kind: 'edit'; bom: Bom } | { kind: 'copy'; bom: Bom };

/** The product's recipe versions, newest first, with the editor: drafts change freely, active versions only get an end date. */
export function BomSection({ product }: { product: Product }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [endDating, setEndDating] = useState<Bom | null>(null);
  const boms = useQuery({
    queryKey: ['/boms', 'product', product.id],
    queryFn: ({ signal }) => api<Page<Bom>>('/boms', { query: { productId: product.id, limit: 500 }, signal }),
  });
  const versions = [...(boms.data?.items ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Section
      title={t('products.recipes')}
      actions={
        can('technical', 'write') && (
          <Button size="sm" leftSection={<IconPlus size={16} />} onClick={() => setEditing({ kind: 'new' })} data-testid="bom-new">
            {t('bom.new')}
          </Button>
        )
      }
    >
      <QueryState query={boms}>
        <Stack gap="sm" data-testid="bom-versions">
          {versions.length === 0 && <Text c="dimmed">{t('products.noRecipes')}</Text>}
          {versions.map((bom) => (
            <VersionCard
              key={bom.id}
              bom={bom}
              product={product}
              onEdit={() => setEditing({ kind: 'edit', bom })}
              onCopy={() => setEditing({ kind: 'copy', bom })}
              onEndDate={() => setEndDating(bom)}
            />
          ))}
        </Stack>
      </QueryState>
      {editing && (
        <BomForm product={product} bom={editing.kind === 'edit' ? editing.bom : undefined} copyOf={editing.kind === 'copy' ? editing.bom : undefined} onClose={() => setEditing(null)} />
      )}
      {endDating && <EndDateModal bom={endDating} onClose={() => setEndDating(null)} />}
    </Section>
  );
}
