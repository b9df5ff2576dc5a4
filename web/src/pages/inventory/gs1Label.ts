import type { LicensePlate, Product } from '../../api/types';

/** YYMMDD, as GS1 writes dates. */
const gs1Date = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);

/** The GTIN-14 of a GTIN-8, -12, -13 or -14. */
const gtin14 = (gtin: string) => gtin.padStart(14, '0');

/**
 * The GS1-128 element string of a plate's label, human-readable form: (01) GTIN when the
 * product has one, (10) lot, (11) production date, (17) expiry. The lot is cut to the 20
 * characters GS1 allows and kept to its character set.
 */
export function gs1ElementString(plate: Pick<LicensePlate, 'lot' | 'expiryDate' | 'createdAt'>, product: Pick<Product, 'gtin'> | undefined): string {
  const lot = plate.lot.replace(/[^A-Za-z0-9!"%&'*+,\-./:;<=>?_]/g, '').slice(0, 20);
  return [
    product?.gtin ? `(01)${gtin14(product.gtin)}` : '',
    lot ? `(10)${lot}` : '',
    `(11)${gs1Date(plate.createdAt.slice(0, 10))}`,
    plate.expiryDate ? `(17)${gs1Date(plate.expiryDate)}` : '',
  ].join('');
}

/** Draws the element string as a GS1-128 SVG (bwip-js, loaded only when a label is shown). */
export async function renderGs1128(text: string): Promise<string> {
  const { gs1_128, drawingSVG } = await import('bwip-js/generic');
  // Without a GTIN the lot and dates stand alone: BWIPP's check for (01) would refuse them.
  // BWIPP's own option, absent from bwip-js's types.
  const options = { bcid: 'gs1-128', text, height: 14, includetext: true, textxalign: 'center', textsize: 9, dontlint: !text.startsWith('(01)') };
  return gs1_128(options as Parameters<typeof gs1_128>[0], drawingSVG());
}
