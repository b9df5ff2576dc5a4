import type { Writable } from 'node:stream';
import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenantSnapshot } from '../../platform/db/tenancy.js';
import type { ExportHeader } from '../../platform/tenants/export-format.js';
import { exportOrganization } from '../../platform/tenants/export.js';
import { gzipLineSink } from '../../platform/tenants/gzip-lines.js';
import { sessionOfTransaction } from '../../platform/tenants/tx-session.js';

/**
 * Streams every row of the caller's organization, in the operator's export format (importable
 * with `npm run tenant -- import`), from one snapshot read as the tenant. `open` gets the header
 * (its row counts) before any row, so the answer can announce its size; a failure after that
 * ends the stream unfinished rather than as an error answer.
 */
export async function streamOrganizationExport(ctx: RequestContext, open: (header: ExportHeader) => Writable): Promise<void> {
  requirePermission(ctx, 'settings', 'write');
  let isOpen = false;
  try {
    await withTenantSnapshot(ctx, (tx) =>
      exportOrganization(sessionOfTransaction(tx), ctx.orgId, (header) => {
        isOpen = true;
        return gzipLineSink(open(header));
      }),
    );
  } catch (error) {
    if (!isOpen) throw error;
    ctx.platform.log.warn({ err: error, requestId: ctx.requestId }, 'organization export ended unfinished');
  }
}
