import type { TenantCommand } from '../tenant.js';
import { totalRows } from '../../platform/tenants/export-format.js';
import { exportOrganizationToFile } from '../../platform/tenants/export.js';
import { OperatorError } from '../../platform/tenants/operator.js';

export const exportCommand: TenantCommand = {
  usage: 'export <orgId> <file>                one consistent snapshot of the organization, as one file (docs/tenant-export.md)',
  async run(operator, args) {
    const [orgId, file, ...rest] = args;
    if (!orgId || !file || rest.length > 0) throw new OperatorError('usage: npm run tenant -- export <orgId> <file>');
    const database = operator.database(operator.registry.placementOf(orgId));
    const header = await exportOrganizationToFile(database, orgId, file);
    console.log(JSON.stringify({ orgId, name: header.name, file, exportedAt: header.exportedAt, rows: totalRows(header) }));
    return 0;
  },
};
