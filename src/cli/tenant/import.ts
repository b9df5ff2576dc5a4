import type { TenantCommand } from '../tenant.js';
import { OperatorError } from '../../platform/tenants/operator.js';

// Being built (issue 12); the command is listed so that the dispatcher is complete.
export const importCommand: TenantCommand = {
  usage: 'import …',
  run: () => Promise.reject(new OperatorError('import: not built yet')),
};
