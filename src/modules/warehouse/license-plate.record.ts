import { toIso } from '../../platform/db/columns.js';
import { precompiledSelectList } from '../../platform/db/precompiled.js';
import { decimal } from '../../platform/http/schemas.js';
import type { LicensePlate } from './license-plate.schema.js';
import { licensePlates } from './tables.js';

// An LP inside the server is its row: the quantity stays the exact decimal string the database
// holds, and becomes the API's JSON number only in publicPlate, on the way out.

/** The columns every LP read and write answers, keyed as the record's fields. */
export const licensePlateFields = {
  id: licensePlates.id,
  number: licensePlates.number,
  productId: licensePlates.productId,
  lot: licensePlates.lot,
  expiryDate: licensePlates.expiryDate,
  qty: licensePlates.qty,
  uom: licensePlates.uom,
  status: licensePlates.status,
  qaStatus: licensePlates.qaStatus,
  locationId: licensePlates.locationId,
  createdAt: licensePlates.createdAt,
  updatedAt: licensePlates.updatedAt,
};

/** The same columns for raw SQL, aliased to the record's fields (rendered once: see precompiled.ts). */
export const licensePlateColumns = precompiledSelectList(licensePlateFields);

/** An LP as stored: qty is an exact decimal string, timestamps as the driver hands them. */
export type LicensePlateRecord = Pick<typeof licensePlates.$inferSelect, keyof typeof licensePlateFields>;

/** The LP as the API shows it (field by field, so a wider row never leaks a column). */
export function publicPlate(lp: LicensePlateRecord): LicensePlate {
  return {
    id: lp.id,
    number: lp.number,
    productId: lp.productId,
    lot: lp.lot,
    expiryDate: lp.expiryDate,
    qty: decimal(lp.qty),
    uom: lp.uom,
    status: lp.status,
    qaStatus: lp.qaStatus,
    locationId: lp.locationId,
    createdAt: toIso(lp.createdAt),
    updatedAt: toIso(lp.updatedAt),
  };
}
