import type { TenantCommand } from '../tenant.js';
import { backupDirectoryOf, backupSchedules, listBackups, readBackupPolicy, setBackupPolicy, type BackupPolicy } from '../../platform/tenants/backups.js';
import { OperatorError } from '../../platform/tenants/operator.js';

const usage = 'usage: npm run tenant -- backups <orgId> [--every hourly|daily|weekly|none --keep <n>]';

/** The policy the flags ask for; null when there are none (a listing). */
function policyOf(flags: string[]): BackupPolicy | null {
  if (flags.length === 0) return null;
  const values = new Map<string, string>();
  for (let index = 0; index < flags.length; index += 2) {
    const [flag, value] = [flags[index]!, flags[index + 1]];
    if ((flag !== '--every' && flag !== '--keep') || value === undefined || values.has(flag)) throw new OperatorError(usage);
    values.set(flag, value);
  }
  const every = values.get('--every');
  if (every === 'none') return { every: null, keep: null };
  const schedule = backupSchedules.find((name) => name === every);
  if (!schedule) throw new OperatorError(`--every must be one of ${backupSchedules.join(', ')}, none`);
  const keep = Number(values.get('--keep'));
  if (!Number.isInteger(keep) || keep < 1 || keep > 1000) throw new OperatorError('--keep must be a whole number from 1 to 1000');
  return { every: schedule, keep };
}

export const backupsCommand: TenantCommand = {
  usage: 'backups <orgId> [--every hourly|daily|weekly|none --keep <n>]   its backups (one JSON line each) and policy; the flags set the policy',
  async run(operator, args) {
    const [orgId, ...flags] = args;
    if (!orgId) throw new OperatorError(usage);
    const change = policyOf(flags);
    if (change) await setBackupPolicy(operator.shared, orgId, change);
    const policy = await readBackupPolicy(operator.shared, orgId);
    const directory = backupDirectoryOf(operator.config);
    console.log(JSON.stringify({ orgId, policy, directory }));
    for (const backup of await listBackups(directory, orgId)) console.log(JSON.stringify(backup));
    return 0;
  },
};
