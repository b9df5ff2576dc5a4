import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { recallReportBlocks } from './recall-report.csv.js';
import type { RecallReport } from './recall-report.service.js';

// PDF's standard Helvetica has no ł, ż or ć; bwip-js ships Inconsolata, which has them.
const font = join(dirname(createRequire(import.meta.url).resolve('bwip-js')), '..', 'fonts', 'Inconsolata.otf');

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

const MARGIN = 36;

/** A CSV column name as a heading people read: receivedOn → Received on. */
const heading = (name: string) => name.replace(/([A-Z])/g, ' $1').replace(/^./, (first) => first.toUpperCase()).replace(/ ([A-Z])/g, (_, letter: string) => ` ${letter.toLowerCase()}`);

/** One table: a bold header row, then the rows, columns as wide as their share of the page. */
function table(doc: PDFKit.PDFDocument, header: string[], rows: (string | number | null)[][]) {
  const width = doc.page.width - 2 * MARGIN;
  const weights = header.map((name, column) => Math.min(24, Math.max(name.length, ...rows.map((row) => String(row[column] ?? '').length))) + 2);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const widths = weights.map((weight) => (weight / total) * width);
  const line = (cells: (string | number | null)[], bold: boolean) => {
    const heights = cells.map((cell, column) => doc.heightOfString(String(cell ?? '-'), { width: widths[column]! - 4 }));
    const height = Math.max(...heights) + 3;
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((cell, column) => {
      doc.fillColor(bold ? '#000' : '#222').text(String(cell ?? '-'), x, top, { width: widths[column]! - 4 });
      x += widths[column]!;
    });
    doc.x = MARGIN;
    doc.y = top + height;
    doc.moveTo(MARGIN, doc.y - 1).lineTo(MARGIN + width, doc.y - 1).strokeColor(bold ? '#888' : '#ddd').lineWidth(0.5).stroke();
  };
  line(header, true);
  for (const row of rows) line(row, false);
}

/** The report as an A4 landscape PDF: a header with the totals, then one table per block. */
export function recallReportPdf(report: RecallReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, info: { Title: `Recall report ${report.productCode} ${report.lot}`, Author: report.generatedBy } });
  const done = collect(doc);
  doc.registerFont('report', font).font('report');
  const [header, ...blocks] = recallReportBlocks(report);
  doc.fontSize(18).text(`Recall report: lot ${report.lot}`);
  doc.fontSize(10).moveDown(0.5);
  for (const [field, value] of header!.rows) doc.text(`${field}: ${value}`);
  for (const block of blocks) {
    doc.moveDown().fontSize(13).fillColor('#000').text(block.title, MARGIN);
    doc.fontSize(8).moveDown(0.3);
    if (block.rows.length === 0) doc.text('None.');
    else table(doc, block.header.map(heading), block.rows);
  }
  doc.end();
  return done;
}
