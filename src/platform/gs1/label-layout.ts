// Where things go on a 4 × 6 inch label, in points (1/72 inch), shared by the SVG and the
// PDF so both print the same label; ZPL has its own dots.

import type { Gs1Element } from './element.js';
import { describeLabel, symbolText, type LogisticsLabel } from './label-content.js';

export const LABEL_WIDTH = 288;
export const LABEL_HEIGHT = 432;
const MARGIN = 14;
const SYMBOL_HEIGHT = 62;
const SYMBOL_GAP = 14;
const HRI_SIZE = 9;

export interface PlacedText {
  x: number;
  y: number;
  size: number;
  text: string;
  isBold: boolean;
}

export interface PlacedSymbol {
  x: number;
  y: number;
  width: number;
  height: number;
  elements: Gs1Element[];
}

export interface LabelLayout {
  texts: PlacedText[];
  symbols: PlacedSymbol[];
  /** Horizontal rules between the label's sections, by their y. */
  rules: number[];
}

/** The label's texts and symbols placed; `y` of a text is its baseline. */
export function layOutLabel(label: LogisticsLabel): LabelLayout {
  const content = describeLabel(label);
  const texts: PlacedText[] = [];
  let y = MARGIN;
  for (const [index, line] of content.heading.entries()) {
    y += index === 0 ? 14 : 13;
    texts.push({ x: MARGIN, y, size: index === 0 ? 12 : 11, text: line, isBold: index === 0 });
  }
  const rules: number[] = [];
  if (content.heading.length > 0) {
    y += 8;
    rules.push(y);
  }
  for (const fact of content.facts) {
    y += 16;
    texts.push({ x: MARGIN, y, size: 8, text: fact.caption, isBold: false });
    texts.push({ x: MARGIN + 80, y, size: 12, text: fact.value, isBold: true });
  }
  y += 10;
  rules.push(y);
  // The symbols sit at the bottom, the SSCC last, as the guideline puts them.
  const symbols: PlacedSymbol[] = [];
  let bottom = LABEL_HEIGHT - MARGIN;
  for (const elements of [...content.symbols].reverse()) {
    texts.push({ x: MARGIN, y: bottom, size: HRI_SIZE, text: symbolText(elements), isBold: false });
    const top = bottom - HRI_SIZE - 4 - SYMBOL_HEIGHT;
    symbols.unshift({ x: MARGIN, y: top, width: LABEL_WIDTH - 2 * MARGIN, height: SYMBOL_HEIGHT, elements });
    bottom = top - SYMBOL_GAP;
  }
  return { texts, symbols, rules };
}
