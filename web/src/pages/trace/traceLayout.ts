import type { Trace } from '../../api/types';

export interface GraphNode {
  key: string;
  kind: 'lp' | 'supplier' | 'customer';
  /** The LP id, the supplier id or the customer id. */
  refId: string;
  column: number;
  row: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: { type: 'production' | 'split' | 'merge' | 'receipt' | 'shipment'; workOrderId?: string | null; qty?: number };
}

/**
 * Lays a trace out left to right in time: suppliers, then LPs by generation (an LP sits one
 * column right of the latest LP it was made from), then customers. Links already point from
 * the older LP to the newer one in both directions.
 */
export function layoutTrace(trace: Trace): { nodes: GraphNode[]; edges: GraphEdge[]; columns: number; rows: number } {
  const lpIds = trace.licensePlates.map((lp) => lp.id);
  const incoming = new Map<string, string[]>(lpIds.map((id) => [id, []]));
  for (const link of trace.links) incoming.get(link.to)?.push(link.from);
  const generation = new Map<string, number>();
  const visiting = new Set<string>();
  const generationOf = (id: string): number => {
    const known = generation.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle cannot happen in genealogy; refuse to loop if it did
    visiting.add(id);
    const parents = (incoming.get(id) ?? []).filter((parent) => incoming.has(parent));
    const value = parents.length === 0 ? 0 : Math.max(...parents.map(generationOf)) + 1;
    visiting.delete(id);
    generation.set(id, value);
    return value;
  };
  lpIds.forEach(generationOf);

  const hasSuppliers = trace.receipts.some((receipt) => receipt.supplierId);
  const offset = hasSuppliers ? 1 : 0;
  const lastLpColumn = Math.max(0, ...[...generation.values()]) + offset;
  const rowsInColumn = new Map<number, number>();
  const place = (column: number) => {
    const row = rowsInColumn.get(column) ?? 0;
    rowsInColumn.set(column, row + 1);
    return row;
  };

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const supplierIds = [...new Set(trace.receipts.map((receipt) => receipt.supplierId).filter((id): id is string => Boolean(id)))];
  for (const supplierId of supplierIds) nodes.push({ key: `s:${supplierId}`, kind: 'supplier', refId: supplierId, column: 0, row: place(0) });
  // Order each column by the row of its parents, so that lines cross less.
  const sorted = [...lpIds].sort((a, b) => generation.get(a)! - generation.get(b)!);
  const rowOf = new Map<string, number>();
  const parentRow = (id: string) => {
    const rows = (incoming.get(id) ?? []).map((parent) => rowOf.get(parent)).filter((row): row is number => row !== undefined);
    const supplier = trace.receipts.find((receipt) => receipt.licensePlateId === id)?.supplierId;
    if (supplier) rows.push(supplierIds.indexOf(supplier));
    return rows.length ? rows.reduce((sum, row) => sum + row, 0) / rows.length : 0;
  };
  for (const gen of [...new Set(sorted.map((id) => generation.get(id)!))]) {
    const inGeneration = sorted.filter((id) => generation.get(id) === gen).sort((a, b) => parentRow(a) - parentRow(b));
    for (const id of inGeneration) {
      const column = gen + offset;
      const row = place(column);
      rowOf.set(id, row);
      nodes.push({ key: `lp:${id}`, kind: 'lp', refId: id, column, row });
    }
  }
  const customerIds = [...new Set(trace.shipments.map((shipment) => shipment.customerId))];
  for (const customerId of customerIds) nodes.push({ key: `c:${customerId}`, kind: 'customer', refId: customerId, column: lastLpColumn + 1, row: place(lastLpColumn + 1) });

  for (const link of trace.links) edges.push({ from: `lp:${link.from}`, to: `lp:${link.to}`, label: { type: link.type, workOrderId: link.workOrderId, qty: link.qty } });
  for (const receipt of trace.receipts) if (receipt.supplierId) edges.push({ from: `s:${receipt.supplierId}`, to: `lp:${receipt.licensePlateId}`, label: { type: 'receipt' } });
  for (const shipment of trace.shipments) edges.push({ from: `lp:${shipment.licensePlateId}`, to: `c:${shipment.customerId}`, label: { type: 'shipment' } });

  return { nodes, edges, columns: customerIds.length ? lastLpColumn + 2 : lastLpColumn + 1, rows: Math.max(1, ...rowsInColumn.values()) };
}
