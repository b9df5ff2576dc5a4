import { describe, expect, it } from 'vitest';
import { Gs1Error } from './gs1-error.js';
import { renderLogisticsLabel } from './label.js';
import { parseGs1 } from './parse.js';
import { decodeZplCode128 } from './zpl-decoder.test-helper.js';

const label = {
  sscc: '106141411234567897',
  contentGtin: '04006381333931',
  lot: 'L-2026>01',
  bestBefore: '2026-12-31',
  count: 48,
  companyName: 'Piekarnia Zażółć & Syn',
  productName: 'Chleb żytni ^500 g~',
};

describe('renderLogisticsLabel', () => {
  it('writes ZPL whose ^BC symbols scan as the label says: (02), (15), (37), (10) and (00)', async () => {
    const zpl = (await renderLogisticsLabel(label, 'zpl')).toString('utf8');
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    const symbols = [...zpl.matchAll(/\^BCN,\d+,N,N,N\^FD([^^]+)\^FS/g)].map((match) => parseGs1(decodeZplCode128(match[1]!)));
    expect(symbols.map((symbol) => symbol.elements.map((element) => element.ai))).toEqual([['02', '15', '37'], ['10'], ['00']]);
    expect(Object.assign({}, ...symbols)).toMatchObject({
      sscc: label.sscc,
      contentGtin: label.contentGtin,
      bestBefore: '2026-12-31',
      count: 48,
      lot: 'L-2026>01',
    });
  });

  it('prints the human-readable lines, and ZPL escapes its control characters and UTF-8', async () => {
    const zpl = (await renderLogisticsLabel(label, 'zpl')).toString('utf8');
    expect(zpl).toContain('^FD(00) 106141411234567897^FS');
    expect(zpl).toContain('^FD(02) 04006381333931 (15) 261231 (37) 48^FS');
    expect(zpl).toContain('^CI28');
    expect(zpl).toContain('Chleb _c5_bc');
    expect(zpl).toContain('_5e500 g_7e');
  });

  it('draws an SVG of 4 × 6 inches with one nested bwip-js symbol per barcode and escaped text', async () => {
    const svg = (await renderLogisticsLabel(label, 'svg')).toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="4in" height="6in"/);
    expect(svg.match(/<svg x="/g)).toHaveLength(3);
    expect(svg).toContain('>(00) 106141411234567897</text>');
    expect(svg).toContain('Piekarnia Zażółć &amp; Syn');
  });

  it('makes a one-page PDF holding the three symbols as images', async () => {
    const pdf = await renderLogisticsLabel(label, 'pdf');
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    // bwip-js PNGs carry alpha, which PDF holds as a second image (the soft mask) for each.
    const images = text.match(/\/Subtype \/Image/g)?.length ?? 0;
    const masks = text.match(/\/SMask \d+ 0 R/g)?.length ?? 0;
    expect(images - masks).toBe(3);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
  });

  it('renders a lot holding brackets, which bwip-js takes as plain Code 128 with FNC1', async () => {
    const svg = (await renderLogisticsLabel({ ...label, lot: 'A(1)B' }, 'svg')).toString('utf8');
    expect(svg).toContain('(10) A(1)B');
  });

  it('leaves out what the pallet does not have', async () => {
    const zpl = (await renderLogisticsLabel({ sscc: label.sscc }, 'zpl')).toString('utf8');
    expect(zpl.match(/\^BCN/g)).toHaveLength(1);
    expect(zpl).not.toContain('(02)');
  });

  it.each([
    ['2026-02-30', 'no day 30'],
    ['31.12.2026', 'YYYY-MM-DD'],
  ])('refuses a best before of %s naming (15)', async (bestBefore, message) => {
    const rendering = renderLogisticsLabel({ ...label, bestBefore }, 'svg');
    await expect(rendering).rejects.toMatchObject({ element: '15', message: expect.stringContaining(message) });
  });

  it.each(['zpl', 'svg', 'pdf'] as const)('refuses a bad SSCC in %s naming (00)', async (format) => {
    const rendering = renderLogisticsLabel({ ...label, sscc: '106141411234567890' }, format);
    await expect(rendering).rejects.toBeInstanceOf(Gs1Error);
    await expect(rendering).rejects.toMatchObject({ element: '00' });
  });
});
