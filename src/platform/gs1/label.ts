// One entry point for the three label formats a pallet label is asked for in.

import { renderLabelPdf } from './label-pdf.js';
import { renderLabelSvg } from './label-svg.js';
import { renderLabelZpl } from './label-zpl.js';
import { describeLabel, type LogisticsLabel } from './label-content.js';

export type LabelFormat = 'zpl' | 'svg' | 'pdf';

/** A GS1-128 logistics label (4 × 6 in) with (00), (02), (15), (37), (10) and their readable lines. */
export async function renderLogisticsLabel(label: LogisticsLabel, format: LabelFormat): Promise<Buffer> {
  // Checked first so that a bad element is a Gs1Error naming its AI, never a renderer's error.
  describeLabel(label);
  if (format === 'pdf') return renderLabelPdf(label);
  return Buffer.from(format === 'svg' ? renderLabelSvg(label) : renderLabelZpl(label), 'utf8');
}
