-- Quality on the floor: lot-wide holds (and which LPs each held), HACCP critical control points
-- and their readings, production lines in master data, the line of a work order, and the
-- signed allergen changeover checks of a line. Quality records are never deleted (the app
-- role gets no DELETE on them): HACCP readings are kept 7 years (docs/quality.md).

-- Settings: production lines, each in one warehouse; a coded record (code unique per organization).
create table production_lines (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  code text not null,
  name text not null,
  warehouse_id uuid not null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, code),
  foreign key (org_id, warehouse_id) references warehouses (org_id, id)
);
create index production_lines_warehouse_idx on production_lines (org_id, warehouse_id);
select mp_protect_tenant_table('production_lines');
select mp_track_changes('production_lines');

-- Production: the line an order runs on (optional), and the order's previous runs on it.
alter table work_orders add column line_id uuid;
alter table work_orders add constraint work_orders_line_fk foreign key (org_id, line_id) references production_lines (org_id, id);
create index work_orders_line_idx on work_orders (org_id, line_id, id) where line_id is not null;
-- When an order is started on its line: the last one started before it is the one it follows.
create index work_order_transitions_start_idx on work_order_transitions (org_id, to_status, created_at) where to_status = 'in_progress';

-- Production: a signed check that a line was cleaned (allergen changeover) after an order.
create table line_changeovers (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  line_id uuid not null,
  -- The order the line was cleaned after (default: the last one started on it).
  from_work_order_id uuid,
  note text,
  cleaning_verified boolean not null default true check (cleaning_verified),
  user_id uuid default current_app_user_id(),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, line_id) references production_lines (org_id, id),
  foreign key (org_id, from_work_order_id) references work_orders (org_id, id)
);
create index line_changeovers_line_idx on line_changeovers (org_id, line_id, created_at);
select mp_protect_tenant_table('line_changeovers', 'select, insert');

-- Quality: a lot-wide hold, open until its signed release.
create table holds (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  number text not null,
  product_id uuid not null,
  lot text not null,
  reason text not null,
  include_derived boolean not null,
  status text not null default 'open' check (status in ('open', 'released')),
  released_at timestamptz,
  released_by uuid,
  release_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, number),
  check ((status = 'released') = (released_at is not null)),
  foreign key (org_id, product_id) references products (org_id, id)
);
create index holds_status_idx on holds (org_id, status, id);
create index holds_product_lot_idx on holds (org_id, product_id, lot);
select mp_protect_tenant_table('holds', 'select, insert, update');
select mp_track_changes('holds');

-- Which LPs a hold covers, and the QA status each had before any open hold did (what its
-- release gives back). Written once with the hold; thousands of rows for a big lot.
create table hold_license_plates (
  org_id uuid not null,
  hold_id uuid not null,
  license_plate_id uuid not null,
  prior_qa_status text not null check (prior_qa_status in ('pending', 'released', 'hold')),
  primary key (org_id, hold_id, license_plate_id),
  foreign key (org_id, hold_id) references holds (org_id, id),
  foreign key (org_id, license_plate_id) references license_plates (org_id, id)
);
-- The other holds of an LP, asked at every release.
create index hold_license_plates_plate_idx on hold_license_plates (org_id, license_plate_id, hold_id);
select mp_protect_tenant_table('hold_license_plates', 'select, insert');

-- Quality: HACCP critical control points with their critical limits.
create table haccp_ccps (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  code text not null,
  name text not null,
  hazard text not null,
  unit text not null,
  min_value numeric(18, 6),
  max_value numeric(18, 6),
  location_id uuid,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, code),
  check (min_value is null or max_value is null or min_value <= max_value),
  foreign key (org_id, location_id) references locations (org_id, id)
);
select mp_protect_tenant_table('haccp_ccps', 'select, insert, update');
select mp_track_changes('haccp_ccps');

-- A reading of a CCP; never changed. One outside the limits names its deviation NCR.
create table haccp_readings (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  ccp_id uuid not null,
  value numeric(18, 6) not null,
  taken_at timestamptz not null default now(),
  note text,
  within_limits boolean not null,
  ncr_id uuid,
  user_id uuid default current_app_user_id(),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  check (within_limits or ncr_id is not null),
  foreign key (org_id, ccp_id) references haccp_ccps (org_id, id),
  foreign key (org_id, ncr_id) references ncrs (org_id, id)
);
create index haccp_readings_ccp_idx on haccp_readings (org_id, ccp_id, taken_at, id);
select mp_protect_tenant_table('haccp_readings', 'select, insert');

-- A lot-wide hold writes a `hold` ledger row (qty_change 0) for each of thousands of LPs in one
-- statement. The commit-time check that an LP's qty equals its latest qty_after adds nothing for
-- such a row: stock_moves_continue_ledger has already made its qty_after equal the row before it,
-- and an LP whose qty is written in the transaction is checked by license_plates_match_ledger. So
-- the check runs for moves that change a quantity only (~20 ms per 1,000 LPs held otherwise).
drop trigger stock_moves_match_license_plate on stock_moves;
create constraint trigger stock_moves_match_license_plate after insert on stock_moves
  deferrable initially deferred for each row when (new.qty_change <> 0) execute function mp_license_plate_matches_ledger('license_plate_id');

-- The online move (migration 0014) needs org_id in every tenant table's replica identity: its
-- primary key when that has it, else the unique (org_id, id) index. 0014 set it for the tables
-- of its day; the same pass again for the tables made since (these, and 0015's).
do $$
declare
  t record;
  identity_index text;
begin
  for t in
    select c.oid, c.relname from pg_class c
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    where c.relkind = 'r' and c.relrowsecurity and c.relreplident = 'd'
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)
      and not exists (
        select 1 from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
        where i.indrelid = c.oid and i.indisprimary and a.attname = 'org_id')
  loop
    select ic.relname into identity_index
    from pg_index i join pg_class ic on ic.oid = i.indexrelid
    where i.indrelid = t.oid and i.indisunique and i.indpred is null and i.indexprs is null and i.indnkeyatts = 2
      and (select array_agg(a.attname::text order by a.attname) from pg_attribute a where a.attrelid = t.oid and a.attnum = any (i.indkey)) = array['id', 'org_id']
    limit 1;
    if identity_index is null then
      identity_index := t.relname || '_org_id_id_identity';
      execute format('create unique index %I on %I (org_id, id)', identity_index, t.relname);
    end if;
    execute format('alter table %I replica identity using index %I', t.relname, identity_index);
  end loop;
end $$;
