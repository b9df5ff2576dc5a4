import type { RequestContext } from '../../platform/context.js';
import { Gs1Error, parseGs1 } from '../../platform/gs1/index.js';
import { AppError, notFoundAt } from '../../platform/http/errors.js';
import { findDispatchProducts } from '../technical/index.js';
import { getLicensePlate, getLicensePlateByNumber, type LicensePlate } from '../warehouse/index.js';
import type { PickListLineRow } from './pick-list.queries.js';

// What a picker scanned: an LP id, an LP's number, or a GS1-128 string with the GTIN and lot of
// a plate on the pick list.

const noSuchBarcode = () => notFoundAt('barcode', 'license plate', 'no license plate has that barcode');

/** The scanned LP: by id; by number; or the first plate on the list with the GTIN and lot of a GS1 string. */
export async function scannedPlate(ctx: RequestContext, input: { licensePlateId?: string; barcode?: string }, lines: PickListLineRow[]): Promise<LicensePlate> {
  if (input.licensePlateId !== undefined) return getLicensePlate(ctx, input.licensePlateId);
  const barcode = input.barcode!;
  try {
    return await getLicensePlateByNumber(ctx, barcode);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
  }
  const read = readGs1(barcode);
  const gtin = read?.gtin ?? read?.contentGtin;
  if (!gtin || !read?.lot) throw noSuchBarcode();
  const products = await findDispatchProducts(ctx, lines.map((line) => line.productId));
  const line = lines.find((candidate) => candidate.lot === read.lot && products.get(candidate.productId)?.gtin?.padStart(14, '0') === gtin.padStart(14, '0'));
  if (!line) throw noSuchBarcode();
  return getLicensePlate(ctx, line.licensePlateId);
}

function readGs1(barcode: string) {
  try {
    return parseGs1(barcode);
  } catch (error) {
    if (error instanceof Gs1Error) return null;
    throw error;
  }
}
