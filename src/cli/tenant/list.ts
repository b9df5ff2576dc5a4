import type { TenantCommand } from '../tenant.js';
import { listOrganizations } from '../../platform/tenants/list.js';

export const listCommand: TenantCommand = {
  usage: 'list                                 one JSON line per organization: { orgId, name, database, rows }',
  async run(operator) {
    for (const listing of await listOrganizations(operator)) console.log(JSON.stringify(listing));
    return 0;
  },
};
