// The FDA's sortable spreadsheet (21 CFR 1.1455(c)(3)(ii)) as rows: one per critical tracking
// event of a traceability lot, a transformation one per input lot (the output's key data
// elements repeated), so that sorting or filtering on any lot code finds every event it is in.
// The KDEs are those of 21 CFR 1.1345 (receiving), 1.1350 (transformation) and 1.1340
// (shipping); the traceability lot code is MonoPilot's lot, its source the business that
// assigned it: the supplier for a received lot, our own site for one we made.

import type { Fsma204Part } from './fsma204.queries.js';

export const fsma204Header = [
  'Traceability Lot Code',
  'Product Description',
  'Quantity',
  'Unit of Measure',
  'Location Description',
  'Date',
  'Reference Document Type',
  'Reference Document Number',
  'Traceability Lot Code Source',
  'Critical Tracking Event',
  'Immediate Previous Source',
  'Immediate Subsequent Recipient',
  'Input Traceability Lot Code',
  'Input Product Description',
  'Input Quantity',
  'Input Unit of Measure',
] as const;

/** The columns that hold numbers (written as they are, never defused as formulas). */
export const fsma204NumericColumns = [fsma204Header.indexOf('Quantity'), fsma204Header.indexOf('Input Quantity')];

export type Fsma204Row = (string | null)[];

const eventOrder = { Receiving: 0, Transformation: 1, Shipping: 2 } as const;
type Event = keyof typeof eventOrder;
const lotKey = (part: Pick<Fsma204Part, 'productId' | 'lot'>) => `${part.productId}\u0000${part.lot}`;

/** Where each lot's code was assigned: the site that made it, else the supplier it came from. */
function lotSources(parts: Fsma204Part[]): Map<string, string> {
  const sources = new Map<string, string>();
  for (const part of parts) if (part.kind === 'output' && part.site && !sources.has(lotKey(part))) sources.set(lotKey(part), part.site);
  for (const part of parts) if (part.kind === 'receiving' && part.party && !sources.has(lotKey(part))) sources.set(lotKey(part), part.party);
  return sources;
}

function eventRow(part: Fsma204Part, event: Event, documentType: string, source: string | null): Fsma204Row {
  const previous = event === 'Receiving' ? part.party : null;
  const recipient = event === 'Shipping' ? part.party : null;
  return [part.lot, part.product, part.qty, part.uom, part.site, part.day, documentType, part.reference, source, event, previous, recipient, null, null, null, null];
}

/** The spreadsheet's rows for these event parts, sorted by date, event, lot code, document and input lot. */
export function fsma204Rows(parts: Fsma204Part[]): Fsma204Row[] {
  const sources = lotSources(parts);
  const inputsOf = new Map<string, Fsma204Part[]>();
  for (const part of parts) if (part.kind === 'input') inputsOf.set(part.workOrderId!, [...(inputsOf.get(part.workOrderId!) ?? []), part]);
  const rows: Fsma204Row[] = [];
  for (const part of parts) {
    const source = sources.get(lotKey(part)) ?? null;
    if (part.kind === 'receiving') rows.push(eventRow(part, 'Receiving', 'Receipt', source));
    if (part.kind === 'shipping') rows.push(eventRow(part, 'Shipping', 'Shipment', source));
    if (part.kind !== 'output') continue;
    const output = eventRow(part, 'Transformation', 'Work order', source);
    const inputs = inputsOf.get(part.workOrderId!) ?? [];
    if (inputs.length === 0) rows.push(output);
    for (const input of inputs) rows.push([...output.slice(0, 12), input.lot, input.product, input.qty, input.uom]);
  }
  const at = (name: (typeof fsma204Header)[number]) => fsma204Header.indexOf(name);
  const text = (row: Fsma204Row, column: number) => row[column] ?? '';
  return rows.sort(
    (a, b) =>
      text(a, at('Date')).localeCompare(text(b, at('Date'))) ||
      eventOrder[a[at('Critical Tracking Event')] as Event] - eventOrder[b[at('Critical Tracking Event')] as Event] ||
      text(a, 0).localeCompare(text(b, 0)) ||
      text(a, at('Reference Document Number')).localeCompare(text(b, at('Reference Document Number'))) ||
      text(a, at('Input Traceability Lot Code')).localeCompare(text(b, at('Input Traceability Lot Code'))),
  );
}
