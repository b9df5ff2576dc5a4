import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../api/client';
import { invalidatePaths } from '../../../api/invalidate';
import { fieldErrorText } from '../../../api/problem-text';
import { errorMessage } from '../../../api/queries';
import type { OverConsumption } from '../../../api/terminal';

const overConsumptionOf = (error: unknown): OverConsumption | null => {
  const problem = error instanceof ApiError ? (error.problem as ApiError['problem'] & { code?: string; params?: OverConsumption }) : null;
  return problem?.code === 'over_consumption' && problem.params ? problem.params : null;
};

export interface Draw {
  licensePlateId: string;
  qty: number;
  overConsumptionReason?: string;
}

/**
 * POST a consumption. The server's 409 over_consumption (another terminal drew meanwhile)
 * goes to onOverConsumption, to ask for a reason; any other refusal to onRefused, naming
 * the quantity field when the server did.
 */
export function useConsumption(
  workOrderId: string,
  handlers: { onDone: (draw: Draw) => void; onOverConsumption: (over: OverConsumption) => void; onRefused: (refusal: { qty?: string; message: string }) => void },
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draw: Draw) => api(`/work-orders/${workOrderId}/consumptions`, { method: 'POST', body: draw }),
    meta: { silent: true },
    onSuccess: async (_, draw) => {
      handlers.onDone(draw);
      await invalidatePaths(queryClient, '/work-orders', '/license-plates');
    },
    onError: (error) => {
      const over = overConsumptionOf(error);
      if (over) return handlers.onOverConsumption(over);
      const field = error instanceof ApiError ? error.problem.errors?.find((each) => each.path === 'qty') : undefined;
      handlers.onRefused({ qty: field ? fieldErrorText(field) : undefined, message: errorMessage(error) });
    },
  });
}
