import type { WorkOrderStatus } from '../../api/types';

export type Transition = 'release' | 'start' | 'hold' | 'resume' | 'complete' | 'close' | 'cancel';

/** The state machine of API.md: which actions a work order in each state allows. */
export const allowedTransitions: Record<WorkOrderStatus, Transition[]> = {
  planned: ['release', 'cancel'],
  released: ['start', 'cancel'],
  in_progress: ['hold', 'complete'],
  on_hold: ['resume'],
  completed: ['close'],
  closed: [],
  cancelled: [],
};

export const boardColumns: WorkOrderStatus[] = ['planned', 'released', 'in_progress', 'on_hold', 'completed'];
