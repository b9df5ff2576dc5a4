import { isAdmin, requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, invalidTransition } from '../../platform/http/errors.js';

// THE work order state machine (API.md): every status change and every status-bound
// operation asks this table, and nothing else decides what an order may do.
//
//   planned → released → in_progress ⇄ on_hold → completed → closed
//   planned, released → cancelled
//
// An order on hold is resumed before it is completed.

export const workOrderStatuses = ['planned', 'released', 'in_progress', 'on_hold', 'completed', 'closed', 'cancelled'] as const;
export type WorkOrderStatus = (typeof workOrderStatuses)[number];

export const workOrderActions = ['release', 'start', 'hold', 'resume', 'complete', 'close', 'cancel'] as const;
export type WorkOrderAction = (typeof workOrderActions)[number];

/** Who may take a transition: a module's write right, or the organization's admin. */
type Authority = 'planning' | 'production' | 'admin';

interface Transition {
  from: readonly WorkOrderStatus[];
  to: WorkOrderStatus;
  authority: Authority;
}

export const transitions: Record<WorkOrderAction, Transition> = {
  release: { from: ['planned'], to: 'released', authority: 'planning' },
  start: { from: ['released'], to: 'in_progress', authority: 'production' },
  hold: { from: ['in_progress'], to: 'on_hold', authority: 'production' },
  resume: { from: ['on_hold'], to: 'in_progress', authority: 'production' },
  complete: { from: ['in_progress'], to: 'completed', authority: 'production' },
  close: { from: ['completed'], to: 'closed', authority: 'admin' },
  cancel: { from: ['planned', 'released'], to: 'cancelled', authority: 'planning' },
};

/** Work on an order that is not a transition, and the states it needs. */
export const operations = {
  consume: ['in_progress'],
  output: ['in_progress'],
  // A mistaken draw may be corrected until the order is closed.
  reverse: ['in_progress', 'on_hold', 'completed'],
} as const satisfies Record<string, readonly WorkOrderStatus[]>;
export type WorkOrderOperation = keyof typeof operations;

/** The right a transition needs; the first line of a transition. */
export function requireTransitionPermission(ctx: RequestContext, action: WorkOrderAction): void {
  const { authority } = transitions[action];
  if (authority === 'admin') {
    if (!isAdmin(ctx.permissions)) throw new AppError('FORBIDDEN', `only an organization admin may ${action} a work order`);
    return;
  }
  requirePermission(ctx, authority, 'write');
}

/** The status `action` leads to from the order's current one; 409 naming both states when the table has no such edge. */
export function nextStatus(order: { number: string; status: WorkOrderStatus }, action: WorkOrderAction): WorkOrderStatus {
  const transition = transitions[action];
  if (!transition.from.includes(order.status)) {
    throw invalidTransition(
      'work order',
      order.number,
      order.status,
      action,
      transition.from,
      `work order ${order.number} is ${order.status} and cannot go to ${transition.to}: ${action} is allowed only from ${transition.from.join(' or ')}`,
    );
  }
  return transition.to;
}

/** 409 unless the order's status allows the operation. */
export function requireStatusFor(order: { number: string; status: WorkOrderStatus }, operation: WorkOrderOperation): void {
  const allowed: readonly WorkOrderStatus[] = operations[operation];
  if (!allowed.includes(order.status)) {
    throw invalidTransition('work order', order.number, order.status, operation, allowed, `work order ${order.number} is ${order.status}; ${operation} needs ${allowed.join(' or ')}`);
  }
}
