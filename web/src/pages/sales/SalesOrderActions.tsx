import { Button } from '@mantine/core';
import { IconCheck, IconListCheck, IconPackages, IconStack2, IconTruck, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess } from '../../api/queries';
import type { Pallet, PickList, SalesOrder, SalesOrderStatus } from '../../api/sales';

type Action = 'confirm' | 'allocate' | 'pick-list' | 'ship' | 'cancel' | 'pallet';

/** Which actions an order in this state offers (the server's state machine decides; this only hides what it would refuse). */
const offered: Record<Action, SalesOrderStatus[]> = {
  confirm: ['draft'],
  allocate: ['confirmed', 'partially_allocated', 'picking'],
  'pick-list': ['allocated', 'partially_allocated', 'picking'],
  ship: ['picking'],
  pallet: ['picking'],
  cancel: ['draft', 'confirmed', 'allocated', 'partially_allocated', 'picking'],
};

const icons = { confirm: IconCheck, allocate: IconStack2, 'pick-list': IconListCheck, ship: IconTruck, pallet: IconPackages, cancel: IconX };

/** The order's next steps as buttons; a new pick list or pallet opens its page. */
export function SalesOrderActions({ order }: { order: SalesOrder }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const run = useMutation({
    mutationFn: async (action: Action) => {
      if (action === 'pallet') return api<Pallet>('/pallets', { method: 'POST', body: { salesOrderId: order.id } });
      return api<SalesOrder | PickList>(`/sales-orders/${order.id}/${action}`, { method: 'POST', ...(action === 'ship' ? { body: {} } : {}) });
    },
    onSuccess: async (result, action) => {
      await invalidatePaths(queryClient, '/sales-orders', '/pick-lists', '/pallets', '/shipments', '/license-plates');
      notifySuccess(t(`sales.done.${action}`, { number: order.number }));
      if (action === 'pick-list') void navigate(`/pick-lists/${result.id}`);
      if (action === 'pallet') void navigate(`/pallets/${result.id}`);
    },
  });
  return (
    <>
      {(Object.keys(offered) as Action[])
        .filter((action) => offered[action].includes(order.status))
        .map((action) => {
          const Icon = icons[action];
          return (
            <Button
              key={action}
              variant={action === 'cancel' ? 'light' : action === 'pallet' ? 'default' : 'filled'}
              color={action === 'cancel' ? 'red' : undefined}
              leftSection={<Icon size={18} />}
              loading={run.isPending && run.variables === action}
              onClick={() => run.mutate(action)}
              data-testid={`so-${action}`}
            >
              {t(`sales.actions.${action}`)}
            </Button>
          );
        })}
    </>
  );
}
