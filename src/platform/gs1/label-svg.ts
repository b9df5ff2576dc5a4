// The label as SVG: bwip-js draws each GS1-128 symbol as its own SVG, nested where the
// layout puts it, so the bars stay vectors at any print size.

import bwipjs from 'bwip-js';
import { bwipSymbol } from './label-content.js';
import { LABEL_HEIGHT, LABEL_WIDTH, layOutLabel, type PlacedSymbol } from './label-layout.js';
import type { LogisticsLabel } from './label-content.js';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function symbolSvg(symbol: PlacedSymbol): string {
  const svg = bwipjs.toSVG({ ...bwipSymbol(symbol.elements), height: 15 });
  const placement = `x="${symbol.x}" y="${symbol.y}" width="${symbol.width}" height="${symbol.height}" preserveAspectRatio="none"`;
  return svg.replace(/^<svg /, `<svg ${placement} `);
}

/** The logistics label as an SVG document, 4 × 6 inches. */
export function renderLabelSvg(label: LogisticsLabel): string {
  const layout = layOutLabel(label);
  const texts = layout.texts.map(
    (text) =>
      `<text x="${text.x}" y="${text.y}" font-family="Helvetica, Arial, sans-serif" font-size="${text.size}"${text.isBold ? ' font-weight="bold"' : ''}>${escapeXml(text.text)}</text>`,
  );
  const rules = layout.rules.map((y) => `<line x1="0" y1="${y}" x2="${LABEL_WIDTH}" y2="${y}" stroke="#000" stroke-width="1"/>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="4in" height="6in" viewBox="0 0 ${LABEL_WIDTH} ${LABEL_HEIGHT}">`,
    `<rect width="${LABEL_WIDTH}" height="${LABEL_HEIGHT}" fill="#fff"/>`,
    ...texts,
    ...rules,
    ...layout.symbols.map(symbolSvg),
    '</svg>',
  ].join('\n');
}
