import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { IconDeviceTablet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkOrder } from '../../../api/types';
import { useWorkOrderTransition } from '../useWorkOrderTransition';
import { allowedTransitions, type Transition } from '../workOrderActions';

const transitionColors: Partial<Record<Transition, string>> = { cancel: 'red', hold: 'orange', complete: 'green', close: 'dark' };

/** The transitions the order's status allows; hold and cancel ask for a reason. */
export function TransitionButtons({ order, canWrite }: { order: WorkOrder; canWrite: boolean }) {
  const { t } = useTranslation();
  const transition = useWorkOrderTransition(order.id);
  const [asking, setAsking] = useState<Transition | null>(null);
  const [reason, setReason] = useState('');
  const run = (action: Transition) => (action === 'hold' || action === 'cancel' ? setAsking(action) : transition.mutate({ action }));
  return (
    <>
      {canWrite &&
        allowedTransitions[order.status].map((action) => (
          <Button
            key={action}
            color={transitionColors[action]}
            variant={action === 'cancel' ? 'light' : 'filled'}
            loading={transition.isPending && transition.variables?.action === action}
            onClick={() => run(action)}
            data-testid={`wo-${action}`}
          >
            {t(`workOrders.action.${action}`)}
          </Button>
        ))}
      {(order.status === 'in_progress' || order.status === 'released' || order.status === 'on_hold') && (
        <Button component={Link} to={`/terminal/${order.id}`} variant="light" leftSection={<IconDeviceTablet size={18} />}>
          {t('nav.terminal')}
        </Button>
      )}
      <Modal opened={asking !== null} onClose={() => setAsking(null)} title={asking ? t(`workOrders.action.${asking}`) : ''}>
        <Stack>
          <TextInput label={t('fields.reason')} value={reason} onChange={(event) => setReason(event.currentTarget.value)} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              {t('actions.cancel')}
            </Button>
            <Button
              color={asking ? transitionColors[asking] : undefined}
              onClick={() => {
                if (asking) transition.mutate({ action: asking, reason: reason.trim() || undefined }, { onSuccess: () => setAsking(null) });
              }}
              loading={transition.isPending}
            >
              {asking ? t(`workOrders.action.${asking}`) : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
