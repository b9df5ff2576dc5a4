import type { GraphEdge, GraphNode } from './traceLayout';

export interface EdgeLabel {
  key: string;
  /** Centre of the label. */
  x: number;
  y: number;
  workOrderId: string | null;
  type: GraphEdge['label']['type'];
  /** The edges it names (keys from → to), to light up with them. */
  ends: string[];
}

export const LABEL_HEIGHT = 20;
const LABEL_GAP = 4;

/**
 * One label per work order (or split / merge) per gap between columns, instead of one per
 * edge: a work order that made ten plates is named once, at the middle of its edges. In each
 * gap the labels are stacked top to bottom without overlapping, and sit mid-gap, clear of the
 * arrowheads at the gap's right end.
 */
export function layoutEdgeLabels(edges: GraphEdge[], byKey: Map<string, GraphNode>, geometry: { x: (node: GraphNode) => number; y: (node: GraphNode) => number; nodeWidth: number; nodeHeight: number }): EdgeLabel[] {
  const groups = new Map<string, { column: number; ys: number[]; x: number; edge: GraphEdge; ends: string[] }>();
  for (const edge of edges) {
    if (edge.label.type === 'receipt' || edge.label.type === 'shipment') continue;
    const from = byKey.get(edge.from);
    const to = byKey.get(edge.to);
    if (!from || !to) continue;
    const key = `${from.column}:${edge.label.type}:${edge.label.workOrderId ?? `${edge.from}>${edge.to}`}`;
    const x1 = geometry.x(from) + geometry.nodeWidth;
    const x = (x1 + geometry.x(to)) / 2;
    const y = (geometry.y(from) + geometry.y(to)) / 2 + geometry.nodeHeight / 2;
    const group = groups.get(key) ?? { column: from.column, ys: [], x, edge, ends: [] };
    group.ys.push(y);
    group.ends.push(edge.from, edge.to);
    groups.set(key, group);
  }
  const labels: (EdgeLabel & { column: number })[] = [...groups].map(([key, group]) => ({
    key,
    column: group.column,
    x: group.x,
    y: group.ys.reduce((sum, y) => sum + y, 0) / group.ys.length,
    workOrderId: group.edge.label.workOrderId ?? null,
    type: group.edge.label.type,
    ends: group.ends,
  }));
  for (const column of new Set(labels.map((label) => label.column))) {
    const inGap = labels.filter((label) => label.column === column).sort((a, b) => a.y - b.y);
    for (let index = 1; index < inGap.length; index++) {
      const least = inGap[index - 1]!.y + LABEL_HEIGHT + LABEL_GAP;
      if (inGap[index]!.y < least) inGap[index]!.y = least;
    }
  }
  return labels;
}
