import { Alert, Button, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TerminalOrder } from '../../../api/terminal';
import { useNames } from '../../../components/Pickers';
import { formatNumber, formatUnit } from '../../../format';
import { signalError, signalSuccess } from '../../../scan/feedback';
import { useWorkOrderTransition } from '../useWorkOrderTransition';
import type { Transition } from '../workOrderActions';

type Asking = 'start' | 'hold' | 'complete' | null;

/** Materials without enough usable stock for what the order still needs. */
function shortMaterials(order: TerminalOrder) {
  return (order.materials ?? []).filter((material) => (material.usableQty ?? 0) < material.requiredQty - material.consumedQty);
}

/** Start, pause, resume and complete, from the terminal; starting without the materials in stock warns first. */
export function TerminalActions({ order }: { order: TerminalOrder }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const transition = useWorkOrderTransition(order.id);
  const [asking, setAsking] = useState<Asking>(null);
  const [reason, setReason] = useState('');
  const short = shortMaterials(order);
  const uom = names.product(order.productId)?.uom ?? '';
  const run = (action: Transition, why?: string) =>
    transition.mutate(
      { action, reason: why?.trim() || undefined },
      {
        onSuccess: () => {
          signalSuccess();
          setAsking(null);
          setReason('');
        },
        onError: () => signalError(),
      },
    );
  const button = (action: Transition, label: string, icon: React.ReactNode, onClick: () => void, color?: string) => (
    <Button size="lg" color={color} leftSection={icon} onClick={onClick} loading={transition.isPending && transition.variables?.action === action} data-testid={`terminal-${action}`}>
      {label}
    </Button>
  );
  return (
    <Group gap="xs">
      {order.status === 'released' && button('start', t('workOrders.action.start'), <IconPlayerPlay />, () => (short.length > 0 ? setAsking('start') : run('start')))}
      {order.status === 'on_hold' && button('resume', t('terminal.resume'), <IconPlayerPlay />, () => run('resume'))}
      {order.status === 'in_progress' && (
        <>
          {button('hold', t('terminal.pause'), <IconPlayerPause />, () => setAsking('hold'), 'orange')}
          {button('complete', t('terminal.complete'), <IconCheck />, () => setAsking('complete'), 'green')}
        </>
      )}
      <Modal opened={asking === 'start'} onClose={() => setAsking(null)} title={t('terminal.startWarningTitle')} data-testid="start-warning">
        <Stack>
          <Alert color="orange" variant="light">
            {t('terminal.startWarning')}
          </Alert>
          <List size="sm">
            {short.map((material) => (
              <List.Item key={material.productId}>
                {t('terminal.shortOf', {
                  product: names.productName(material.productId),
                  usable: formatNumber(material.usableQty ?? 0, i18n.language),
                  required: formatNumber(material.requiredQty - material.consumedQty, i18n.language),
                  uom: formatUnit(names.product(material.productId)?.uom, i18n.language),
                })}
              </List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              {t('actions.cancel')}
            </Button>
            <Button color="orange" onClick={() => run('start')} loading={transition.isPending} data-testid="start-anyway">
              {t('terminal.startAnyway')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={asking === 'hold'} onClose={() => setAsking(null)} title={t('terminal.pauseTitle', { number: order.number })}>
        <Stack>
          <TextInput label={t('fields.reason')} value={reason} onChange={(event) => setReason(event.currentTarget.value)} data-autofocus size="md" data-testid="pause-reason" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              {t('actions.cancel')}
            </Button>
            <Button color="orange" onClick={() => run('hold', reason)} loading={transition.isPending} data-testid="pause-confirm">
              {t('terminal.pause')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={asking === 'complete'} onClose={() => setAsking(null)} title={t('terminal.completeTitle', { number: order.number })}>
        <Stack>
          <Text size="sm">
            {t('terminal.completeHint', { produced: formatNumber(order.producedQty ?? 0, i18n.language), planned: formatNumber(order.plannedQty, i18n.language), uom: formatUnit(uom, i18n.language) })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              {t('actions.cancel')}
            </Button>
            <Button color="green" onClick={() => run('complete')} loading={transition.isPending} data-testid="complete-confirm">
              {t('terminal.complete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
