import type { Tx } from '../../platform/db/database.js';
import { fromMillionths, toMillionths } from '../../platform/exact-quantity.js';
import { AppError } from '../../platform/http/errors.js';
import type { LicensePlateRecord } from './license-plate.record.js';
import { selectPlateReservations } from './reservation.queries.js';

// A reservation is real: whatever takes quantity off a plate (a split, a work order's draw, a
// count lower than before) may take only what sales orders have not reserved. Each caller runs
// this after its conditional draw, on the plate as left, inside its own transaction; a refusal
// rolls the draw back.

/** The plate as left must still hold what is reserved on it; 409 naming `path` otherwise. */
export async function requireReservationsCovered(tx: Tx, plate: Pick<LicensePlateRecord, 'id' | 'number' | 'qty'>, action: string, path = 'qty'): Promise<void> {
  const reserved = (await selectPlateReservations(tx, [plate.id])).reduce((sum, row) => sum + toMillionths(row.qty), 0n);
  if (toMillionths(plate.qty) >= reserved) return;
  throw AppError.coded('INSUFFICIENT_QUANTITY', 'license_plate_reserved', { number: plate.number, reserved: Number(fromMillionths(reserved)) }, `license plate ${plate.number} has ${fromMillionths(reserved)} reserved for sales orders; ${action} may take only the rest`, [
    { path, message: 'takes reserved stock' },
  ]);
}
