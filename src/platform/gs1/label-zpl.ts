// The label in ZPL II for the Zebra printers plants have. The printer draws the bars itself
// from ^BC (Code 128); `>;` starts in subset C and `>8` is FNC1, which makes it GS1-128.
// The layout is the SVG's and PDF's, converted from points to 203 dpi dots.

import { findAiDefinition } from './application-identifiers.js';
import type { Gs1Element } from './element.js';
import type { LogisticsLabel } from './label-content.js';
import { LABEL_HEIGHT, LABEL_WIDTH, layOutLabel, type PlacedSymbol } from './label-layout.js';

const DOTS_PER_INCH = 203;
const dots = (points: number) => Math.round((points * DOTS_PER_INCH) / 72);
const FNC1 = '>8';

/** `>` is Code 128's own invocation character in ^BC data; `>0` prints one. */
const code128Char = (char: string) => (char === '>' ? '>0' : char);

function digitRun(text: string, from: number): number {
  let end = from;
  while (end < text.length && text[end]! >= '0' && text[end]! <= '9') end++;
  return end - from;
}

/** One element's characters in ^BC invocations: pairs of digits in subset C, the rest in B. */
function encodeSegment(text: string, state: { set: 'B' | 'C'; out: string[] }): void {
  let at = 0;
  while (at < text.length) {
    const run = digitRun(text, at);
    if (state.set === 'C' && run >= 2) {
      state.out.push(text.slice(at, at + 2));
      at += 2;
    } else if (state.set === 'C') {
      state.out.push('>6');
      state.set = 'B';
    } else if (run >= 4 && run % 2 === 0) {
      state.out.push('>5');
      state.set = 'C';
    } else {
      state.out.push(code128Char(text[at]!));
      at++;
    }
  }
}

/**
 * The ^FD data of a GS1-128 symbol, and how many Code 128 characters it makes (start, data,
 * check), so the module width can be chosen to fit the label.
 */
export function zplGs1128Data(elements: Gs1Element[]): { data: string; characters: number } {
  const state = { set: 'C' as 'B' | 'C', out: ['>;', FNC1] };
  elements.forEach(({ ai, value }, index) => {
    encodeSegment(ai + value, state);
    const isFixed = findAiDefinition(ai)?.isFixed ?? false;
    if (!isFixed && index < elements.length - 1) state.out.push(FNC1);
  });
  return { data: state.out.join(''), characters: state.out.length + 1 };
}

/** Field text for ^FH_: ZPL's control characters and every non-ASCII UTF-8 byte as hex. */
function zplText(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => (byte >= 0x80 || byte === 0x5e || byte === 0x7e || byte === 0x5f || byte < 0x20 ? `_${byte.toString(16).padStart(2, '0')}` : String.fromCharCode(byte)))
    .join('');
}

function symbolZpl(symbol: PlacedSymbol): string {
  const { data, characters } = zplGs1128Data(symbol.elements);
  const modules = characters * 11 + 2 + 20; // stop is 13 modules, quiet zones 10 each side
  const moduleWidth = Math.max(1, Math.min(4, Math.floor(dots(symbol.width) / modules)));
  return `^FO${dots(symbol.x)},${dots(symbol.y)}^BY${moduleWidth}^BCN,${dots(symbol.height)},N,N,N^FD${data}^FS`;
}

/** The logistics label as a ZPL II program for a 4 × 6 inch label at 203 dpi. */
export function renderLabelZpl(label: LogisticsLabel): string {
  const layout = layOutLabel(label);
  const lines = ['^XA', '^CI28', `^PW${dots(LABEL_WIDTH)}`, `^LL${dots(LABEL_HEIGHT)}`];
  for (const text of layout.texts) {
    const height = dots(text.size);
    lines.push(`^FO${dots(text.x)},${dots(text.y - text.size)}^A0N,${height},${text.isBold ? height : Math.round(height * 0.9)}^FH_^FD${zplText(text.text)}^FS`);
  }
  for (const y of layout.rules) lines.push(`^FO0,${dots(y)}^GB${dots(LABEL_WIDTH)},2,2^FS`);
  lines.push(...layout.symbols.map(symbolZpl), '^XZ');
  return lines.join('\n') + '\n';
}
