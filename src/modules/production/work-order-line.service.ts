import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError } from '../../platform/http/errors.js';
import { organizationToday } from '../warehouse/index.js';
import type { UpdateWorkOrderInput, WorkOrder } from './work-order.schema.js';
import { requireLockedWorkOrder, loadWorkOrder } from './work-order.service.js';
import { updateLine } from './work-order.queries.js';
import { requireActiveLine } from './line-reference.js';

/** Puts a planned or released order on a line, or takes it off; a started order keeps its line. */
export async function updateWorkOrder(ctx: RequestContext, id: string, input: UpdateWorkOrderInput): Promise<WorkOrder> {
  requirePermission(ctx, 'planning', 'write');
  const today = await organizationToday(ctx);
  return withTenant(ctx, async (tx) => {
    const order = await requireLockedWorkOrder(tx, id);
    if (input.lineId !== undefined) {
      if (order.status !== 'planned' && order.status !== 'released') {
        throw new AppError('INVALID_STATE', `work order ${order.number} is ${order.status}; its line can change only before it starts`, [{ path: 'lineId', message: 'the order has started' }]);
      }
      if (input.lineId !== null) await requireActiveLine(ctx, input.lineId);
      await updateLine(tx, id, input.lineId);
    }
    return loadWorkOrder(ctx, tx, id, today);
  });
}
