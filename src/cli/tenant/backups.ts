import type { TenantCommand } from '../tenant.js';
import { OperatorError } from '../../platform/tenants/operator.js';

// Being built (issue 12); the command is listed so that the dispatcher is complete.
export const backupsCommand: TenantCommand = {
  usage: 'backups …',
  run: () => Promise.reject(new OperatorError('backups: not built yet')),
};
