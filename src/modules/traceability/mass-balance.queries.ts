import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/database.js';
import { queryRow } from '../../platform/db/rows.js';
import { products } from '../technical/tables.js';
import { licensePlates, stockMoves } from '../warehouse/tables.js';

const lp = alias(licensePlates, 'lp');
const m = alias(stockMoves, 'm');
const pr = alias(products, 'pr');

/** The lot's balance as exact NUMERIC text, every figure from the ledger but on hand (the LPs' own quantities). */
export interface MassBalanceRow extends Record<string, unknown> {
  uom: string;
  received: string;
  produced: string;
  consumed: string;
  shipped: string;
  adjusted: string;
  onHand: string;
  unaccounted: string;
}

/**
 * Sums the ledger of every LP of the lot by move type. Consumption is net of reversals and
 * counted positive, like shipping; adjustments keep their sign. Splits, merges and moves stay
 * inside the lot and sum to nothing, so whatever is left after
 * received + produced − consumed − shipped + adjusted − on hand is unexplained: a ledger out
 * of step with its LPs, or stock that left the lot without a move saying how.
 */
export async function selectMassBalance(tx: Tx, start: { productId: string; lot: string }): Promise<MassBalanceRow> {
  const sum = (types: string[], sign = '') => sql.raw(`coalesce(${sign}sum(m.qty_change) filter (where m.type in (${types.map((type) => `'${type}'`).join(', ')})), 0)`);
  const row = await queryRow<MassBalanceRow>(
    tx,
    sql`with moved as (
        select ${sum(['receipt'])} as received, ${sum(['output'])} as produced, ${sum(['consume', 'reverse'], '-')} as consumed,
               ${sum(['ship'], '-')} as shipped, ${sum(['adjust'])} as adjusted
        from ${licensePlates} ${lp} join ${stockMoves} ${m} on ${m.orgId} = ${lp.orgId} and ${m.licensePlateId} = ${lp.id}
        where ${lp.productId} = ${start.productId} and ${lp.lot} = ${start.lot}),
      held as (
        select coalesce(sum(${lp.qty}), 0) as on_hand from ${licensePlates} ${lp}
        where ${lp.productId} = ${start.productId} and ${lp.lot} = ${start.lot} and ${lp.status} = 'available')
      select (select ${pr.uom} from ${products} ${pr} where ${pr.id} = ${start.productId}) as uom,
             received::text, produced::text, consumed::text, shipped::text, adjusted::text, on_hand::text as "onHand",
             (received + produced - consumed - shipped + adjusted - on_hand)::text as unaccounted
      from moved, held`,
  );
  return row!;
}
