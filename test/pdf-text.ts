import { constants, inflateSync } from 'node:zlib';

// The text of a PDF that pdfkit wrote, for tests: its content streams inflated and each
// shown string decoded through the font's ToUnicode map. Enough for pdfkit's own output
// (embedded fonts, 4-digit glyph ids), no general PDF reader.

function streams(pdf: Buffer): string[] {
  const found: string[] = [];
  const text = pdf.toString('latin1');
  const pattern = /stream\r?\n/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const body = pdf.subarray(start, end);
    try {
      found.push(inflateSync(body, { finishFlush: constants.Z_SYNC_FLUSH }).toString('latin1'));
    } catch {
      found.push(body.toString('latin1'));
    }
    pattern.lastIndex = end + 'endstream'.length;
  }
  return found;
}

function toUnicodeMap(cmaps: string[]): Map<string, string> {
  const map = new Map<string, string>();
  const hexToText = (hex: string) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
  for (const cmap of cmaps) {
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) for (const pair of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(pair[1]!.toLowerCase(), hexToText(pair[2]!));
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const range of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
        const [from, to] = [parseInt(range[1]!, 16), parseInt(range[2]!, 16)];
        const targets = range[3]!.startsWith('[') ? [...range[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].map((item) => hexToText(item[1]!)) : null;
        for (let code = from; code <= to; code++) {
          const key = code.toString(16).padStart(range[1]!.length, '0');
          map.set(key, targets ? (targets[code - from] ?? '') : String.fromCodePoint(parseInt(range[3]!.slice(1, -1), 16) + code - from));
        }
      }
    }
  }
  return map;
}

/** Every line of text the PDF shows, in drawing order. */
export function pdfText(pdf: Buffer): string[] {
  const all = streams(pdf);
  const map = toUnicodeMap(all.filter((stream) => stream.includes('beginbfchar') || stream.includes('beginbfrange')));
  const lines: string[] = [];
  // Content streams only (text objects), not the embedded font programs.
  for (const stream of all.filter((body) => /\bBT\b/.test(body) && /\bET\b/.test(body) && !body.includes('beginbfrange'))) {
    for (const shown of stream.matchAll(/\[([^\]\n]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = shown[1] !== undefined ? [...shown[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((item) => item[1]!) : [shown[2]!];
      lines.push(hexes.map((hex) => (hex.match(/.{4}/g) ?? []).map((glyph) => map.get(glyph.toLowerCase()) ?? '').join('')).join(''));
    }
  }
  return lines;
}
