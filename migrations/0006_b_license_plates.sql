-- Warehouse: receipts, license plates (LPs), the append-only stock ledger and LP lineage.
--
-- The invariants live here, not only in the application:
--   * an LP's qty never goes below 0 (check),
--   * an LP's qty always equals the sum of its ledger rows: each ledger row must continue
--     the LP's chain (previous qty_after + qty_change = qty_after), and at commit the LP's
--     qty must equal its latest qty_after (deferred constraint triggers),
--   * the ledger is append-only: the app role may SELECT and INSERT it, nothing else.

create table receipts (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  number text not null,
  purchase_order_id uuid,
  supplier_id uuid,
  location_id uuid not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, purchase_order_id) references purchase_orders (org_id, id),
  foreign key (org_id, supplier_id) references suppliers (org_id, id),
  foreign key (org_id, location_id) references locations (org_id, id)
);
create index receipts_purchase_order_idx on receipts (org_id, purchase_order_id) where purchase_order_id is not null;
create index receipts_supplier_idx on receipts (org_id, supplier_id) where supplier_id is not null;
select mp_protect_tenant_table('receipts', 'select, insert');
select mp_track_changes('receipts');

create table receipt_lines (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  receipt_id uuid not null,
  line_no integer not null check (line_no > 0),
  product_id uuid not null,
  purchase_order_line_id uuid,
  qty numeric(18, 6) not null check (qty > 0),
  plate_count integer not null default 1 check (plate_count > 0),
  lot text not null,
  expiry_date date,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, receipt_id, line_no),
  foreign key (org_id, receipt_id) references receipts (org_id, id),
  foreign key (org_id, product_id) references products (org_id, id),
  foreign key (org_id, purchase_order_line_id) references purchase_order_lines (org_id, id)
);
create index receipt_lines_po_line_idx on receipt_lines (org_id, purchase_order_line_id) where purchase_order_line_id is not null;
create index receipt_lines_product_lot_idx on receipt_lines (org_id, product_id, lot);
select mp_protect_tenant_table('receipt_lines', 'select, insert');

create table license_plates (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  number text not null,
  product_id uuid not null,
  lot text not null,
  expiry_date date,
  qty numeric(18, 6) not null check (qty >= 0),
  uom text not null check (uom in ('kg', 'g', 'l', 'ml', 'pcs')),
  status text not null default 'available' check (status in ('available', 'consumed', 'shipped', 'merged')),
  qa_status text not null check (qa_status in ('pending', 'released', 'hold', 'rejected')),
  location_id uuid not null,
  -- How the LP came to be: received, split off another LP, or produced by a work order.
  origin text not null check (origin in ('receipt', 'split', 'output')),
  receipt_id uuid,
  receipt_line_id uuid,
  -- The work order that produced it; no foreign key because production's tables come later.
  work_order_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, number),
  -- Only available stock has a quantity: consumed, shipped and merged LPs are empty.
  check (status = 'available' or qty = 0),
  check (origin <> 'receipt' or (receipt_id is not null and receipt_line_id is not null)),
  check (origin <> 'output' or work_order_id is not null),
  foreign key (org_id, product_id) references products (org_id, id),
  foreign key (org_id, location_id) references locations (org_id, id),
  foreign key (org_id, receipt_id) references receipts (org_id, id),
  foreign key (org_id, receipt_line_id) references receipt_lines (org_id, id)
);
-- The seed's index: stock by status and product, FEFO by expiry.
create index license_plates_status_product_expiry_idx on license_plates (org_id, status, product_id, expiry_date);
create index license_plates_product_lot_idx on license_plates (org_id, product_id, lot);
create index license_plates_lot_idx on license_plates (org_id, lot);
create index license_plates_location_idx on license_plates (org_id, location_id, status);
create index license_plates_qa_status_idx on license_plates (org_id, qa_status, status);
create index license_plates_expiry_idx on license_plates (org_id, expiry_date) where status = 'available';
create index license_plates_receipt_idx on license_plates (org_id, receipt_id) where receipt_id is not null;
create index license_plates_work_order_idx on license_plates (org_id, work_order_id) where work_order_id is not null;
select mp_protect_tenant_table('license_plates', 'select, insert, update');
-- The ledger is the LP's history, so no audit_log rows; only the audit columns.
create trigger set_audit_columns before insert or update on license_plates for each row execute function mp_set_audit_columns();

create table stock_moves (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  -- Order of the ledger; writers of one LP hold its row lock, so seq follows their commits.
  seq bigint generated always as identity,
  license_plate_id uuid not null,
  type text not null check (type in (
    'receipt', 'move', 'split', 'merge', 'adjust', 'consume', 'reverse', 'output', 'ship', 'hold', 'release', 'reject')),
  qty_change numeric(18, 6) not null,
  qty_after numeric(18, 6) not null check (qty_after >= 0),
  from_location_id uuid,
  to_location_id uuid,
  -- The other LP of a split or merge.
  related_lp_id uuid,
  work_order_id uuid,
  reason text,
  user_id uuid default current_app_user_id(),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  check (type not in ('move', 'hold', 'release', 'reject') or qty_change = 0),
  check (type not in ('receipt', 'output', 'reverse') or qty_change > 0),
  check (type not in ('consume', 'ship') or qty_change < 0),
  foreign key (org_id, license_plate_id) references license_plates (org_id, id),
  foreign key (org_id, from_location_id) references locations (org_id, id),
  foreign key (org_id, to_location_id) references locations (org_id, id),
  foreign key (org_id, related_lp_id) references license_plates (org_id, id)
);
create index stock_moves_license_plate_idx on stock_moves (org_id, license_plate_id, seq);
-- The seed's index: movements over time and by location.
create index stock_moves_created_location_idx on stock_moves (org_id, created_at, from_location_id, to_location_id);
select mp_protect_tenant_table('stock_moves', 'select, insert');

-- A ledger row must continue its LP's chain: previous qty_after + qty_change = qty_after.
create or replace function mp_stock_move_continues_ledger() returns trigger language plpgsql as $$
declare
  previous numeric;
begin
  select m.qty_after into previous from stock_moves m
   where m.org_id = new.org_id and m.license_plate_id = new.license_plate_id
   order by m.seq desc limit 1;
  if coalesce(previous, 0) + new.qty_change <> new.qty_after then
    raise exception 'stock move of license plate % breaks its ledger: % + % <> %',
      new.license_plate_id, coalesce(previous, 0), new.qty_change, new.qty_after
      using errcode = 'check_violation', constraint = 'stock_moves_continue_ledger';
  end if;
  return new;
end $$;
create trigger stock_moves_continue_ledger before insert on stock_moves
  for each row execute function mp_stock_move_continues_ledger();

-- At commit, an LP's qty must equal its latest ledger qty_after (so qty = sum of the ledger).
-- Fired for every LP whose qty was written and every LP that got a ledger row; argument:
-- the column of the firing table that holds the LP id.
create or replace function mp_license_plate_matches_ledger() returns trigger language plpgsql as $$
declare
  lp_id uuid := (to_jsonb(new) ->> tg_argv[0])::uuid;
  lp_qty numeric;
  ledger_qty numeric;
begin
  select lp.qty into lp_qty from license_plates lp where lp.org_id = new.org_id and lp.id = lp_id;
  select m.qty_after into ledger_qty from stock_moves m
   where m.org_id = new.org_id and m.license_plate_id = lp_id
   order by m.seq desc limit 1;
  if lp_qty is distinct from ledger_qty then
    raise exception 'license plate % has qty % but its ledger says %', lp_id, lp_qty, ledger_qty
      using errcode = 'check_violation', constraint = 'license_plates_match_ledger';
  end if;
  return null;
end $$;
create constraint trigger license_plates_match_ledger after insert or update of qty on license_plates
  deferrable initially deferred for each row execute function mp_license_plate_matches_ledger('id');
create constraint trigger stock_moves_match_license_plate after insert on stock_moves
  deferrable initially deferred for each row execute function mp_license_plate_matches_ledger('license_plate_id');

-- Lineage between LPs: splits and merges (and production links a work order may record).
-- A link points from the older LP to the one made from it.
create table lp_links (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  from_lp_id uuid not null,
  to_lp_id uuid not null,
  type text not null check (type in ('split', 'merge', 'production')),
  qty numeric(18, 6) not null check (qty >= 0),
  work_order_id uuid,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  check (from_lp_id <> to_lp_id),
  check ((type = 'production') = (work_order_id is not null)),
  foreign key (org_id, from_lp_id) references license_plates (org_id, id),
  foreign key (org_id, to_lp_id) references license_plates (org_id, id)
);
create index lp_links_from_idx on lp_links (org_id, from_lp_id);
create index lp_links_to_idx on lp_links (org_id, to_lp_id);
select mp_protect_tenant_table('lp_links', 'select, insert');
