import type { TenantCommand } from '../tenant.js';
import { listAccountEmails } from '../../modules/settings/index.js';
import { SHARED_DATABASE } from '../../platform/db/directory.js';
import { importOrganization } from '../../platform/tenants/import.js';
import { OperatorError } from '../../platform/tenants/operator.js';

export const importCommand: TenantCommand = {
  usage: 'import <file> [<database>]           loads an export where the organization does not exist yet (default: shared)',
  async run(operator, args) {
    const [file, targetName = SHARED_DATABASE, ...rest] = args;
    if (!file || rest.length > 0) throw new OperatorError('usage: npm run tenant -- import <file> [<database>]');
    const result = await importOrganization({ shared: operator.shared, target: operator.database(targetName), targetName, accountEmails: listAccountEmails }, file);
    console.log(JSON.stringify(result));
    return 0;
  },
};
