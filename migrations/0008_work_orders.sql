-- Production: work orders, the materials snapshot taken from the BOM at release, the
-- consumptions and outputs booked against an order, and the history of its transitions.
-- Stock itself (LPs, ledger, lineage links) stays in the warehouse's tables; production
-- changes it only through the warehouse's services.

create table work_orders (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  number text not null,
  product_id uuid not null,
  -- The BOM the order is made by; its items are copied into work_order_materials at release.
  bom_id uuid not null,
  planned_qty numeric(18, 6) not null check (planned_qty > 0),
  scheduled_date date not null,
  status text not null default 'planned'
    check (status in ('planned', 'released', 'in_progress', 'on_hold', 'completed', 'closed', 'cancelled')),
  -- The sum of the order's outputs, kept in the transaction that books each output.
  produced_qty numeric(18, 6) not null default 0 check (produced_qty >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, product_id) references products (org_id, id),
  foreign key (org_id, bom_id) references boms (org_id, id)
);
create index work_orders_status_idx on work_orders (org_id, status, id);
create index work_orders_product_idx on work_orders (org_id, product_id, id);
create index work_orders_bom_idx on work_orders (org_id, bom_id);
select mp_protect_tenant_table('work_orders', 'select, insert, update');
select mp_track_changes('work_orders');

-- What the order needs, per component product: the BOM as it was at release. Never updated.
create table work_order_materials (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  work_order_id uuid not null,
  line_no integer not null check (line_no > 0),
  product_id uuid not null,
  required_qty numeric(18, 6) not null check (required_qty >= 0),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, work_order_id, product_id),
  unique (org_id, work_order_id, line_no),
  foreign key (org_id, work_order_id) references work_orders (org_id, id),
  foreign key (org_id, product_id) references products (org_id, id)
);
select mp_protect_tenant_table('work_order_materials', 'select, insert');

-- Stock drawn from an LP for an order. A mistaken draw is reversed, never deleted.
create table work_order_consumptions (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  work_order_id uuid not null,
  license_plate_id uuid not null,
  product_id uuid not null,
  qty numeric(18, 6) not null check (qty > 0),
  reversed boolean not null default false,
  reversed_at timestamptz,
  reversed_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  check (reversed = (reversed_at is not null)),
  foreign key (org_id, work_order_id) references work_orders (org_id, id),
  foreign key (org_id, license_plate_id) references license_plates (org_id, id),
  foreign key (org_id, product_id) references products (org_id, id)
);
create index work_order_consumptions_work_order_idx on work_order_consumptions (org_id, work_order_id, id);
create index work_order_consumptions_license_plate_idx on work_order_consumptions (org_id, license_plate_id);
select mp_protect_tenant_table('work_order_consumptions', 'select, insert, update');
select mp_track_changes('work_order_consumptions');

-- The only change a consumption may undergo: reversed once, nothing else.
create or replace function mp_consumption_only_reverses() returns trigger language plpgsql as $$
begin
  if old.reversed or not new.reversed
     or (new.work_order_id, new.license_plate_id, new.product_id, new.qty) is distinct from (old.work_order_id, old.license_plate_id, old.product_id, old.qty) then
    raise exception 'consumption % can only be reversed, once', old.id
      using errcode = 'check_violation', constraint = 'work_order_consumptions_only_reverse';
  end if;
  return new;
end $$;
create trigger work_order_consumptions_only_reverse before update on work_order_consumptions
  for each row execute function mp_consumption_only_reverses();

-- The LPs an order made. Append-only.
create table work_order_outputs (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  work_order_id uuid not null,
  license_plate_id uuid not null,
  qty numeric(18, 6) not null check (qty > 0),
  created_by uuid default current_app_user_id(),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, license_plate_id),
  foreign key (org_id, work_order_id) references work_orders (org_id, id),
  foreign key (org_id, license_plate_id) references license_plates (org_id, id)
);
create index work_order_outputs_work_order_idx on work_order_outputs (org_id, work_order_id, id);
select mp_protect_tenant_table('work_order_outputs', 'select, insert');

-- Every state an order went through: who moved it, when, why. Append-only.
create table work_order_transitions (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  work_order_id uuid not null,
  -- null for the creation of the order.
  from_status text,
  to_status text not null,
  reason text,
  user_id uuid default current_app_user_id(),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, work_order_id) references work_orders (org_id, id)
);
create index work_order_transitions_work_order_idx on work_order_transitions (org_id, work_order_id, id);
select mp_protect_tenant_table('work_order_transitions', 'select, insert');

-- An output LP names the order that made it (the warehouse's table had to wait for this one).
alter table license_plates
  add constraint license_plates_work_order_fk foreign key (org_id, work_order_id) references work_orders (org_id, id);
