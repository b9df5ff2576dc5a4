import { requireAnyPermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenantReadOnly } from '../../platform/db/tenancy.js';
import { AppError, notFoundAt } from '../../platform/http/errors.js';
import type { Writable } from 'node:stream';
import { formatCsvRow } from '../../platform/csv.js';
import {
  productExists,
  recallCsvHeader,
  recallPartOf,
  recallParts,
  recallRowsStatement,
  selectInBatches,
  selectRecallSummaryJson,
  selectRootIds,
  selectTraceJson,
  type RecallPart,
} from './trace.queries.js';
import type { Direction, RecallQuery, RecallSummary, Trace, TraceQuery } from './trace.schema.js';

// Quality answers recalls, planning and production need to know what went where: read
// rights on any of the three may trace. The trace reads the warehouse's and shipping's
// tables directly (one statement per trace), never writing them.
const traceReaders = ['quality', 'planning', 'production'] as const;

/** Read rights on quality, planning or production: who may trace. */
export function requireTraceRead(ctx: RequestContext): void {
  requireAnyPermission(ctx, traceReaders, 'read');
}

/** The roots of a trace; 404 (naming the field) when there is no such LP, product or lot in the organization. */
export async function requireRoots(tx: Tx, start: TraceQuery): Promise<string[]> {
  const roots = await selectRootIds(tx, start);
  if (roots.length > 0) return roots;
  if (start.licensePlateId) throw notFoundAt('licensePlateId', 'license plate');
  if (!(await productExists(tx, start.productId!))) throw notFoundAt('productId', 'product');
  throw new AppError('NOT_FOUND', `no license plate of this product has lot ${start.lot}`, [{ path: 'lot', message: 'no license plate has this lot' }]);
}

/**
 * Follows genealogy from an LP (or every LP of a lot) through production, splits and
 * merges at every level: backward to the receipts it came from, forward to the shipments
 * that carried what was made of it. Links point from the older LP to the newer either way.
 * Answers the JSON text PostgreSQL built (see trace.queries.ts), ready to send.
 */
export async function traceLicensePlatesJson(ctx: RequestContext, direction: Direction, start: TraceQuery): Promise<string> {
  requireTraceRead(ctx);
  return withTenantReadOnly(ctx, async (tx) => selectTraceJson(tx, direction, await requireRoots(tx, start)));
}

/** The trace as an object, for callers inside the server. */
export async function traceLicensePlates(ctx: RequestContext, direction: Direction, start: TraceQuery): Promise<Trace> {
  return JSON.parse(await traceLicensePlatesJson(ctx, direction, start)) as Trace;
}

/**
 * The lot-level recall: for every lot reached forward from the suspect lot (itself first),
 * what was made of it, what is on hand where and what went to which customer, plus those
 * customers' contacts (JSON text, one statement; see trace.queries.ts).
 */
export async function recallSummaryJson(ctx: RequestContext, query: RecallQuery): Promise<string> {
  requireTraceRead(ctx);
  return withTenantReadOnly(ctx, async (tx) => {
    await requireRoots(tx, query);
    return selectRecallSummaryJson(tx, query);
  });
}

/** The summary as an object, for callers inside the server. */
export async function recallSummary(ctx: RequestContext, query: RecallQuery): Promise<RecallSummary> {
  return JSON.parse(await recallSummaryJson(ctx, query)) as RecallSummary;
}

/** Rows fetched from the recall's cursor at a time: a few hundred kB of JSON at most. */
const RECALL_BATCH = 1000;

/**
 * How long a client may take no more of the recall before it is cut off: the recall's read
 * transaction waits on it, and on the embedded database that transaction holds the one
 * connection every other request needs.
 */
export const RECALL_STALL_MS = 10_000;

/**
 * Resolves when the stream takes more; rejects when it is gone (the client went away) or has
 * taken nothing for stallMs, so the transaction ends either way.
 */
export function drained(out: Writable, stallMs = RECALL_STALL_MS): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('the recall stream closed before its end'));
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(stalled);
      out.off('drain', onDrain);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error('the recall stream closed before its end'));
    const stalled = setTimeout(() => settle(new Error(`the recall's client took nothing for ${stallMs} ms`)), stallMs);
    out.once('drain', onDrain);
    out.once('close', onClose);
  });
}

/**
 * Turns the recall's rows into answer text. JSON: each part opens where the last one
 * closes (a part with no rows still opens and closes, `[]`), its rows joined by commas;
 * the header row is the answer's first fields as an object, whose closing brace goes.
 * CSV: the header line, then a line per row.
 */
function recallWriter(format: 'json' | 'csv') {
  let current = -1;
  if (format === 'csv') {
    const numericColumns = [recallCsvHeader.indexOf('qty')];
    // qty is a number and stays one; every other cell is text, defused where a spreadsheet would run it.
    const line = (body: string) => formatCsvRow(JSON.parse(body) as (string | number | null)[], { numericColumns }) + '\r\n';
    return { start: line(JSON.stringify(recallCsvHeader)), rows: (_part: RecallPart, bodies: string[]) => bodies.map(line).join(''), end: '' };
  }
  const opening: Record<RecallPart, string> = { header: '', licensePlates: ',"licensePlates":[', shipments: '],"shipments":[', customers: '],"customers":[', depthLimitReached: '],"depthLimitReached":' };
  return {
    start: '',
    rows(part: RecallPart, bodies: string[]): string {
      const index = recallParts.indexOf(part);
      const openings = index === current ? ',' : recallParts.slice(current + 1, index + 1).map((skipped) => opening[skipped]).join('');
      current = index;
      return openings + (part === 'header' ? bodies[0]!.slice(0, -1) : bodies.join(','));
    },
    end: '}',
  };
}

/**
 * For a suspect lot: every LP made from it (and its own), where each is now, and every
 * shipment and customer that received any, as JSON (the Recall schema) or CSV (a
 * `license_plate` row per affected LP, then a `shipment` row per LP shipped). The answer
 * is streamed: `open` is called once the lot is known to exist (errors before it are
 * ordinary problem answers) and gets the text a batch at a time, read from a cursor in
 * the recall's one read-only transaction, waiting while the client is slower than the
 * database. A failure after `open` destroys the stream with the error.
 */
export async function streamRecall(ctx: RequestContext, query: RecallQuery, format: 'json' | 'csv', open: () => Writable): Promise<void> {
  requireTraceRead(ctx);
  let out: Writable | undefined;
  try {
    await withTenantReadOnly(ctx, async (tx) => {
      const roots = await requireRoots(tx, query);
      const writer = recallWriter(format);
      const stream = (out = open());
      const write = async (text: string) => {
        if (text !== '' && !stream.write(text)) await drained(stream);
      };
      await write(writer.start);
      for await (const rows of selectInBatches(tx, recallRowsStatement(query, roots, format), RECALL_BATCH)) {
        let text = '';
        for (let from = 0; from < rows.length; ) {
          const part = recallPartOf(rows[from]!);
          let to = from + 1;
          while (to < rows.length && recallPartOf(rows[to]!) === part) to++;
          text += writer.rows(part, rows.slice(from, to).map((row) => row.body));
          from = to;
        }
        await write(text);
      }
      await write(writer.end);
      stream.end();
    });
  } catch (error) {
    if (!out) throw error;
    out.destroy(error as Error);
  }
}
