import type { RequestContext } from '../../platform/context.js';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import { notFound } from '../../platform/http/errors.js';
import { decimal } from '../../platform/http/schemas.js';
import { getLocation } from '../settings/index.js';
import { listLicensePlatesByIds } from '../warehouse/index.js';
import { selectPickList, selectPickListLines, type PickListHeader, type PickListLineRow } from './pick-list.queries.js';
import type { PickList } from './pick-list.schema.js';

/** Location codes by id, read through settings. */
async function locationCodes(ctx: RequestContext, ids: string[]): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  for (const id of new Set(ids)) codes.set(id, (await getLocation(ctx, id)).code);
  return codes;
}

/** A pick list as the API shows it, in walking order: by location code, then LP number. */
export async function pickListView(ctx: RequestContext, tx: Tx, header: PickListHeader, rows?: PickListLineRow[]): Promise<PickList> {
  const lines = rows ?? (await selectPickListLines(tx, header.id));
  const plates = new Map((await listLicensePlatesByIds(ctx, lines.map((line) => line.licensePlateId))).map((lp) => [lp.id, lp]));
  const codes = await locationCodes(ctx, lines.map((line) => line.locationId));
  const shown = lines.map((line) => ({
    id: line.id,
    licensePlateId: line.licensePlateId,
    licensePlateNumber: plates.get(line.licensePlateId)!.number,
    locationId: line.locationId,
    locationCode: codes.get(line.locationId)!,
    productId: line.productId,
    lot: line.lot,
    qty: decimal(line.qty),
    pickedQty: decimal(line.pickedQty),
  }));
  shown.sort((a, b) => a.locationCode.localeCompare(b.locationCode) || a.licensePlateNumber.localeCompare(b.licensePlateNumber));
  return { id: header.id, number: header.number, salesOrderId: header.salesOrderId, status: header.status, lines: shown, createdAt: toIso(header.createdAt) };
}

/** A pick list of the organization; 404 otherwise. */
export async function requirePickList(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<PickListHeader> {
  const header = await selectPickList(tx, id, options);
  if (!header) throw notFound('pick list');
  return header;
}
