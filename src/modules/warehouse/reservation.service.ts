import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { fromMillionths, toMillionths } from '../../platform/exact-quantity.js';
import {
  addReservations,
  confirmReservationPicks,
  deleteHolderReservations,
  lockProducts,
  selectHolderReservations,
  selectReservationCandidates,
  type ReservationRow,
} from './reservation.queries.js';
import { organizationToday } from './usability.js';

// Reservations for the shipping module: stock held for a holder (a sales order line), which FEFO,
// other holders and plain shipments no longer see. Each call joins the caller's transaction.

/** One holder's ask: qty of a product from LPs that expire on minExpiry or later (or never). */
export interface ReservationRequest {
  holderId: string;
  productId: string;
  qty: string;
  minExpiry: string;
}

export type Reservation = ReservationRow;

/**
 * Reserves usable stock for each request, earliest expiry first: as much as there is, up to the
 * qty asked. The products are locked for the transaction first (in id order), then each chosen
 * LP is row-locked and re-read, so concurrent allocations of the same stock queue and never hold
 * more than an LP has. Answers what this call reserved (an LP may appear once per holder).
 */
export async function reserveStock(ctx: RequestContext, requests: ReservationRequest[]): Promise<Reservation[]> {
  requirePermission(ctx, 'shipping', 'write');
  const today = await organizationToday(ctx);
  return withTenant(ctx, async (tx) => {
    await lockProducts(tx, ctx.orgId, requests.map((request) => request.productId));
    const left = new Map(requests.map((request) => [request.holderId, toMillionths(request.qty)]));
    const minExpiry = new Map(requests.map((request) => [request.holderId, request.minExpiry]));
    const reserved: Reservation[] = [];
    for (;;) {
      const open = requests.filter((request) => left.get(request.holderId)! > 0n);
      const needs = open.map((request) => ({ ...request, need: fromMillionths(left.get(request.holderId)!) }));
      const candidates = await selectReservationCandidates(tx, needs, today);
      if (candidates.length === 0) break;
      const confirmed = await confirmReservationPicks(tx, candidates.map((pick) => ({ ...pick, minExpiry: minExpiry.get(pick.holderId)! })), today);
      // Nothing held up under the locks: what changed meanwhile is for the next allocation to see.
      if (confirmed.length === 0) break;
      await addReservations(tx, ctx.orgId, confirmed);
      for (const row of confirmed) left.set(row.holderId, left.get(row.holderId)! - toMillionths(row.qty));
      reserved.push(...confirmed);
    }
    return reserved;
  });
}

/** The reservations of holders (sales order lines), in holder then LP order. */
export async function listReservations(ctx: RequestContext, holderIds: string[]): Promise<Reservation[]> {
  requirePermission(ctx, 'shipping', 'read');
  return withTenant(ctx, (tx) => selectHolderReservations(tx, holderIds));
}

/** Gives back everything held for holders (a cancelled order); answers what was given back. */
export async function releaseReservations(ctx: RequestContext, holderIds: string[]): Promise<Reservation[]> {
  requirePermission(ctx, 'shipping', 'write');
  return withTenant(ctx, async (tx) => {
    const held = await selectHolderReservations(tx, holderIds);
    await lockProducts(tx, ctx.orgId, held.map((row) => row.productId));
    return deleteHolderReservations(tx, holderIds);
  });
}
