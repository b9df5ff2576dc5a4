import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess } from '../../api/queries';
import type { WorkOrder } from '../../api/types';
import type { Transition } from './workOrderActions';

/** One transition of the order's state machine, from the detail page or the terminal. */
export function useWorkOrderTransition(id: string | undefined) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, reason }: { action: Transition; reason?: string }) => api<WorkOrder>(`/work-orders/${id}/${action}`, { method: 'POST', body: reason ? { reason } : {} }),
    onSuccess: async (order, { action }) => {
      await invalidatePaths(queryClient, '/work-orders', '/dashboard');
      notifySuccess(t(`workOrders.done.${action}`, { number: order.number }));
    },
  });
}
