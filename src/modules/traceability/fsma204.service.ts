import type { RequestContext } from '../../platform/context.js';
import { formatCsvRow } from '../../platform/csv.js';
import { withTenantReadOnly } from '../../platform/db/tenancy.js';
import { selectOrgTimezone } from '../settings/index.js';
import { selectFsma204Parts } from './fsma204.queries.js';
import { fsma204Header, fsma204NumericColumns, fsma204Rows } from './fsma204.rows.js';
import type { RecallQuery } from './trace.schema.js';
import { requireRoots, requireTraceRead } from './trace.service.js';

/**
 * The FDA's sortable spreadsheet for a lot and every lot made from it: a row per critical
 * tracking event (receiving, transformation per input lot, shipping) with its key data
 * elements, as CSV. A lot the organization does not have is a 404, as for the recall.
 */
export async function fsma204Csv(ctx: RequestContext, query: RecallQuery): Promise<string> {
  requireTraceRead(ctx);
  const rows = await withTenantReadOnly(ctx, async (tx) => {
    await requireRoots(tx, query);
    return fsma204Rows(await selectFsma204Parts(tx, query, await selectOrgTimezone(tx)));
  });
  const options = { numericColumns: fsma204NumericColumns };
  return [fsma204Header, ...rows].map((row) => formatCsvRow(row, options) + '\r\n').join('');
}
