import type { TenantCommand } from '../tenant.js';
import { OperatorError } from '../../platform/tenants/operator.js';

// Being built (issue 12); the command is listed so that the dispatcher is complete.
export const moveCommand: TenantCommand = {
  usage: 'move …',
  run: () => Promise.reject(new OperatorError('move: not built yet')),
};
