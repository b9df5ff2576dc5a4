-- Lot genealogy: which lot was made (in part) from which, the projection of lp_links onto
-- (product, lot). The recall summary (traceability) walks lots instead of plates: a lot used
-- in a thousand work orders reaches ~2,000 lots but ~9,300 plates over ~14,000 links.
--
-- A row exists for every pair of different lots joined by at least one lp_links row; links
-- inside one lot (splits, merges: same product and lot) add nothing to what a lot reaches
-- and are left out, so they cannot make a lot its own parent. lp_links is append-only and an
-- LP's product and lot never change, so rows are only ever added, by the trigger below in
-- the same statement as the links (insert ... on conflict do nothing: most links repeat a
-- pair already known).
create table lot_links (
  org_id uuid not null,
  parent_product_id uuid not null,
  parent_lot text not null,
  child_product_id uuid not null,
  child_lot text not null,
  -- The forward walk's index: a lot's children, by (org, product, lot).
  primary key (org_id, parent_product_id, parent_lot, child_product_id, child_lot),
  check ((parent_product_id, parent_lot) <> (child_product_id, child_lot)),
  foreign key (org_id, parent_product_id) references products (org_id, id),
  foreign key (org_id, child_product_id) references products (org_id, id)
);
select mp_protect_tenant_table('lot_links', 'select, insert');

-- One statement per lp_links statement (a consumption links one drawn LP to every output
-- of the order at once): the new links' lot pairs, each once, in key order so concurrent
-- writers take the unique index's entries in the same order.
create or replace function mp_lp_links_add_lot_links() returns trigger language plpgsql as $$
begin
  insert into lot_links (org_id, parent_product_id, parent_lot, child_product_id, child_lot)
  select distinct l.org_id, f.product_id, f.lot, t.product_id, t.lot
    from new_links l
    join license_plates f on f.org_id = l.org_id and f.id = l.from_lp_id
    join license_plates t on t.org_id = l.org_id and t.id = l.to_lp_id
   where (f.product_id, f.lot) <> (t.product_id, t.lot)
   order by 1, 2, 3, 4, 5
  on conflict do nothing;
  return null;
end $$;
create trigger lp_links_add_lot_links after insert on lp_links
  referencing new table as new_links for each statement execute function mp_lp_links_add_lot_links();

-- The links recorded so far.
insert into lot_links (org_id, parent_product_id, parent_lot, child_product_id, child_lot)
select distinct l.org_id, f.product_id, f.lot, t.product_id, t.lot
  from lp_links l
  join license_plates f on f.org_id = l.org_id and f.id = l.from_lp_id
  join license_plates t on t.org_id = l.org_id and t.id = l.to_lp_id
 where (f.product_id, f.lot) <> (t.product_id, t.lot)
on conflict do nothing;

-- What each LP came into being with (its `receipt` or `output` move), read per LP of every
-- lot the summary reaches (~7,000 for the bench's hot lot): from the index alone, without a
-- visit to the ledger's rows. Only creation moves are in it, one per received or made LP.
create index stock_moves_creation_idx on stock_moves (org_id, license_plate_id) include (qty_change)
  where type in ('receipt', 'output');
