import { Box } from '@mantine/core';
import { useElementSize, useMergedRef } from '@mantine/hooks';
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLookup } from '../../api/queries';
import type { Trace, WorkOrder } from '../../api/types';
import { useNames } from '../../components/Pickers';
import { formatQty } from '../../format';
import { LABEL_HEIGHT, layoutEdgeLabels } from './edgeLabels';
import { layoutTrace, type GraphNode } from './traceLayout';

const NODE_WIDTH = 176;
const NODE_HEIGHT = 56;
// Wide enough for a work-order label mid-gap to stay clear of the arrowheads at its right end.
const COLUMN_GAP = 128;
const LABEL_WIDTH = 84;
const ROW_GAP = 18;
const MIN_SCALE = 0.78;

export const typeFill = { raw: '#fff3bf', intermediate: '#f3d9fa', finished: '#c3fae8', packaging: '#e9ecef' } as const;
const typeStroke = { raw: '#f59f00', intermediate: '#ae3ec9', finished: '#0ca678', packaging: '#868e96' } as const;
/** A plate on QA hold is outlined in this colour, dashed, and says so. */
export const heldStroke = '#e8590c';

/** The genealogy as a graph: suppliers left, customers right, LPs coloured by product type, edges named by work order. */
export function TraceGraph({ trace }: { trace: Trace }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const navigate = useNavigate();
  const workOrders = useLookup<WorkOrder>('/work-orders');
  const [hovered, setHovered] = useState<string | null>(null);
  const { ref: measured, width: available } = useElementSize<HTMLDivElement>();
  const box = useRef<HTMLDivElement>(null);
  const boxRef = useMergedRef(measured, box);
  const { nodes, edges, columns, rows } = layoutTrace(trace);
  const lpById = new Map(trace.licensePlates.map((lp) => [lp.id, lp]));
  const roots = new Set(trace.roots);
  const x = (node: GraphNode) => node.column * (NODE_WIDTH + COLUMN_GAP);
  const y = (node: GraphNode) => node.row * (NODE_HEIGHT + ROW_GAP);
  const byKey = new Map(nodes.map((node) => [node.key, node]));
  const labels = layoutEdgeLabels(edges, byKey, { x, y, nodeWidth: NODE_WIDTH, nodeHeight: NODE_HEIGHT });
  const width = columns * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP + 16;
  const height = Math.max(rows * (NODE_HEIGHT + ROW_GAP) - ROW_GAP, ...labels.map((label) => label.y + LABEL_HEIGHT / 2)) + 16;
  // A graph a little wider than the screen is drawn a little smaller; a much wider one keeps its size and scrolls.
  const fit = available > 0 && width > available && available / width >= MIN_SCALE ? available / width : 1;
  // Tracing backward, the plate asked about sits at the right end: show that end first when the graph scrolls.
  const scrolledFor = useRef<Trace | null>(null);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element || available === 0 || scrolledFor.current === trace) return;
    scrolledFor.current = trace;
    element.scrollLeft = trace.direction === 'backward' ? element.scrollWidth : 0;
  }, [trace, available]);

  const labelText = (label: (typeof labels)[number]) => {
    if (label.type === 'production') return workOrders.byId.get(label.workOrderId ?? '')?.number ?? t('trace.production');
    return t(`trace.link.${label.type}`);
  };

  return (
    <Box ref={boxRef} style={{ overflow: 'auto', maxWidth: '100%', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, background: '#fff' }} data-testid="trace-graph">
      <svg width={width * fit} height={height * fit} viewBox={`-8 -8 ${width} ${height}`} style={{ display: 'block', fontFamily: 'inherit' }}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#868e96" />
          </marker>
        </defs>
        {edges.map((edge, index) => {
          const from = byKey.get(edge.from);
          const to = byKey.get(edge.to);
          if (!from || !to) return null;
          const x1 = x(from) + NODE_WIDTH;
          const y1 = y(from) + NODE_HEIGHT / 2;
          const x2 = x(to);
          const y2 = y(to) + NODE_HEIGHT / 2;
          const middle = (x1 + x2) / 2;
          const active = hovered === edge.from || hovered === edge.to;
          return (
            <g key={index} opacity={hovered && !active ? 0.25 : 1}>
              <path d={`M ${x1} ${y1} C ${middle} ${y1}, ${middle} ${y2}, ${x2 - 2} ${y2}`} fill="none" stroke={active ? '#1c7ed6' : '#adb5bd'} strokeWidth={active ? 2.5 : 1.5} markerEnd="url(#arrow)" />
            </g>
          );
        })}
        {labels.map((label) => {
          const text = labelText(label);
          const active = hovered !== null && label.ends.includes(hovered);
          return (
            <g key={label.key} transform={`translate(${label.x}, ${label.y})`} opacity={hovered && !active ? 0.25 : 1}>
              <rect x={-LABEL_WIDTH / 2} y={-LABEL_HEIGHT / 2} width={LABEL_WIDTH} height={LABEL_HEIGHT} rx={10} fill="#fff" stroke={active ? '#1c7ed6' : '#dee2e6'} />
              <text textAnchor="middle" dy="4" fontSize="11" fill="#495057" data-testid="trace-edge-label">
                {text.length > 13 ? `${text.slice(0, 12)}…` : text}
              </text>
            </g>
          );
        })}
        {nodes.map((node) => {
          const common = { transform: `translate(${x(node)}, ${y(node)})`, onMouseEnter: () => setHovered(node.key), onMouseLeave: () => setHovered(null) };
          if (node.kind !== 'lp') {
            const isSupplier = node.kind === 'supplier';
            return (
              <g key={node.key} {...common} data-testid={`trace-${node.kind}`}>
                <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={28} fill={isSupplier ? '#e7f5ff' : '#edf2ff'} stroke={isSupplier ? '#1c7ed6' : '#4263eb'} strokeWidth={1.5} />
                <text x={NODE_WIDTH / 2} y={22} textAnchor="middle" fontSize="10" fill="#495057" style={{ textTransform: 'uppercase' }}>
                  {t(isSupplier ? 'fields.supplier' : 'fields.customer')}
                </text>
                <text x={NODE_WIDTH / 2} y={40} textAnchor="middle" fontSize="13" fontWeight={600} fill="#212529">
                  {(isSupplier ? names.supplier(node.refId) : names.customer(node.refId)).slice(0, 22)}
                </text>
              </g>
            );
          }
          const lp = lpById.get(node.refId);
          const product = names.product(lp?.productId);
          const type = product?.type ?? 'packaging';
          const isHeld = lp?.qaStatus === 'hold';
          const stroke = isHeld ? heldStroke : roots.has(node.refId) ? '#e03131' : typeStroke[type];
          return (
            <g key={node.key} {...common} style={{ cursor: 'pointer' }} onClick={() => void navigate(`/license-plates/${node.refId}`)} data-testid="trace-lp" data-number={lp?.number} data-qa-status={lp?.qaStatus} data-status={lp?.status}>
              <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={8} fill={typeFill[type]} stroke={stroke} strokeWidth={isHeld || roots.has(node.refId) ? 3 : 1.5} strokeDasharray={isHeld ? '6 3' : undefined} />
              <text x={10} y={18} fontSize="12" fontWeight={700} fontFamily="monospace" fill="#212529">
                {lp?.number}
              </text>
              {/* A plate that left the plant (shipped, consumed, merged) shows that, not the quantity it last had there. */}
              <text x={NODE_WIDTH - 10} y={18} fontSize="11" textAnchor="end" fill="#495057">
                {!lp ? '' : lp.status !== 'available' ? t(`status.${lp.status}`) : formatQty(lp.qty, lp.uom, i18n.language)}
              </text>
              {isHeld && (
                <g transform={`translate(${NODE_WIDTH - 62}, ${NODE_HEIGHT - 18})`} data-testid="trace-lp-held">
                  <rect width={56} height={14} rx={7} fill={heldStroke} />
                  <text x={28} y={10.5} textAnchor="middle" fontSize="9" fontWeight={700} fill="#fff" style={{ textTransform: 'uppercase' }}>
                    {t('recall.trace.held')}
                  </text>
                </g>
              )}
              <text x={10} y={34} fontSize="12" fill="#212529">
                {(product?.name ?? '…').slice(0, 24)}
              </text>
              <text x={10} y={49} fontSize="11" fill="#495057">
                {t('fields.lot')} {lp?.lot.slice(0, isHeld ? 12 : 18)}
              </text>
            </g>
          );
        })}
      </svg>
    </Box>
  );
}
