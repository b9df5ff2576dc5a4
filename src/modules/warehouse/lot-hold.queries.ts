import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/rows.js';
import type { QaStatus } from './license-plate.schema.js';
import { licensePlates, lpLinks, stockMoves } from './tables.js';

// The lot-wide hold's statements (quality's holds, through lot-hold.service.ts). A lot used in
// a thousand work orders reaches ~10,000 LPs forward, so each step is ONE statement over all
// of them: the walk, the row locks, the QA change and its ledger rows together. The ledger rows
// of a QA change name no location (nothing moved): two foreign-key checks less per LP.

const lp = licensePlates;
const column = (c: { name: string }) => sql.identifier(c.name);

/**
 * Every LP of the lot and, when derived, every LP reached forward from them over lp_links
 * (production, splits, merges). UNION keeps each LP once, so every LP is expanded once
 * and a cycle cannot run forever (lp_links_from_idx serves each step).
 */
function reachedPlates(start: { productId: string; lot: string; includeDerived: boolean }): SQL {
  const step = start.includeDerived
    ? sql`union select ${lpLinks.toLpId} from reached r join ${lpLinks} on ${lpLinks.fromLpId} = r.id`
    : sql``;
  return sql`with recursive reached(id) as (
      select ${lp.id} from ${lp} where ${lp.productId} = ${start.productId} and ${lp.lot} = ${start.lot}
      ${step})`;
}

/** A plate the hold covers: still in the plant, locked, with its QA status before the hold. */
export interface HeldPlateRow extends Record<string, unknown> {
  id: string;
  number: string;
  status: 'available';
  priorQaStatus: QaStatus;
}

/**
 * Locks (in id order) every reached LP still in the plant (status available; a rejected LP
 * stays rejected) and puts the pending and released ones on hold with a `hold` ledger row
 * (qty unchanged). Answers every locked LP with the QA status it had before.
 */
export async function holdReachedPlates(tx: Tx, orgId: string, input: { productId: string; lot: string; includeDerived: boolean; reason: string }): Promise<HeldPlateRow[]> {
  return queryRows<HeldPlateRow>(
    tx,
    sql`${reachedPlates(input)},
    locked as materialized (
      select ${lp.id} as id, ${lp.number} as number, ${lp.qaStatus} as qa_status, ${lp.qty} as qty
      from ${lp} where ${lp.id} in (select id from reached) and ${lp.status} = 'available' and ${lp.qaStatus} <> 'rejected'
      order by ${lp.id} for update),
    changed as (
      update ${lp} set ${column(lp.qaStatus)} = 'hold' from locked
      where ${lp.id} = locked.id and locked.qa_status in ('pending', 'released') returning ${lp.id}),
    booked as (
      insert into ${stockMoves} (${column(stockMoves.orgId)}, ${column(stockMoves.licensePlateId)}, ${column(stockMoves.type)}, ${column(stockMoves.qtyChange)},
                                 ${column(stockMoves.qtyAfter)}, ${column(stockMoves.reason)})
      select ${orgId}::uuid, id, 'hold', 0, qty, ${input.reason} from locked where qa_status in ('pending', 'released'))
    select id, number, 'available' as status, qa_status as "priorQaStatus" from locked order by id`,
  );
}

/** Row-locks LPs in id order (so two lockers cannot deadlock); answers their ids and QA status. */
export async function lockPlatesForQa(tx: Tx, ids: string[]): Promise<{ id: string; status: string; qaStatus: QaStatus }[]> {
  return queryRows(
    tx,
    sql`select ${lp.id} as id, ${lp.status} as status, ${lp.qaStatus} as "qaStatus" from ${lp}
      where ${lp.id} in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)) order by ${lp.id} for update`,
  );
}

/**
 * Takes LPs off hold, each to the QA status it is given (released, or pending when it was
 * awaiting a decision before the hold), with a `release` ledger row; only available LPs
 * still on hold change. Answers those that did.
 */
export async function releaseHeldPlates(tx: Tx, orgId: string, input: { plates: { id: string; qaStatus: QaStatus }[]; reason: string }) {
  return queryRows<{ id: string; number: string; status: string; qaStatus: QaStatus }>(
    tx,
    sql`with wanted as (select (value ->> 'id')::uuid as id, value ->> 'qaStatus' as qa_status from jsonb_array_elements(${JSON.stringify(input.plates)}::jsonb)),
    changed as (
      update ${lp} set ${column(lp.qaStatus)} = wanted.qa_status from wanted
      where ${lp.id} = wanted.id and ${lp.status} = 'available' and ${lp.qaStatus} = 'hold'
      returning ${lp.id} as id, ${lp.number} as number, ${lp.status} as status, ${lp.qaStatus} as qa_status, ${lp.qty} as qty),
    booked as (
      insert into ${stockMoves} (${column(stockMoves.orgId)}, ${column(stockMoves.licensePlateId)}, ${column(stockMoves.type)}, ${column(stockMoves.qtyChange)},
                                 ${column(stockMoves.qtyAfter)}, ${column(stockMoves.reason)})
      select ${orgId}::uuid, id, 'release', 0, qty, ${input.reason} from changed)
    select id, number, status, qa_status as "qaStatus" from changed order by id`,
  );
}

/** Whether any LP (in any status) has this product and lot. */
export async function selectLotExists(tx: Tx, start: { productId: string; lot: string }): Promise<boolean> {
  const rows = await queryRows(tx, sql`select 1 as found from ${lp} where ${lp.productId} = ${start.productId} and ${lp.lot} = ${start.lot} limit 1`);
  return rows.length > 0;
}
