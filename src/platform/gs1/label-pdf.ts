// The label as a one-page PDF: pdfkit lays out the text, bwip-js renders each GS1-128
// symbol as a PNG at printer resolution, placed where the layout says.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';
import { bwipSymbol, type LogisticsLabel } from './label-content.js';
import { LABEL_HEIGHT, LABEL_WIDTH, layOutLabel } from './label-layout.js';

// PDF's standard Helvetica has no ł, ż or ć; bwip-js ships Inconsolata, which has them, so a
// Polish product name prints on any server without system fonts.
const labelFont = join(dirname(createRequire(import.meta.url).resolve('bwip-js')), '..', 'fonts', 'Inconsolata.otf');

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** The logistics label as a PDF page of 4 × 6 inches. */
export async function renderLabelPdf(label: LogisticsLabel): Promise<Buffer> {
  const layout = layOutLabel(label);
  const images = await Promise.all(
    layout.symbols.map((symbol) => bwipjs.toBuffer({ ...bwipSymbol(symbol.elements), scale: 4, height: 15 })),
  );
  const doc = new PDFDocument({ size: [LABEL_WIDTH, LABEL_HEIGHT], margin: 0, info: { Title: 'GS1 logistics label' } });
  const done = collect(doc);
  doc.registerFont('label', labelFont);
  for (const text of layout.texts) {
    // pdfkit places text by its top; the layout gives baselines.
    doc.font('label').fontSize(text.size).text(text.text, text.x, text.y - text.size, { lineBreak: false });
  }
  for (const y of layout.rules) doc.moveTo(0, y).lineTo(LABEL_WIDTH, y).lineWidth(1).stroke();
  layout.symbols.forEach((symbol, index) => doc.image(images[index]!, symbol.x, symbol.y, { width: symbol.width, height: symbol.height }));
  doc.end();
  return done;
}
