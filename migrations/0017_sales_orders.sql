-- Sales and dispatch: customers' rules, stock reservations, sales orders, pick lists, pallets,
-- and the order a shipment was made for.

-- A customer's rules for what may be allocated to it.
alter table customers
  add column min_remaining_shelf_life_days integer check (min_remaining_shelf_life_days >= 0),
  add column excluded_allergens jsonb not null default '[]'::jsonb check (jsonb_typeof(excluded_allergens) = 'array');

-- Warehouse: a quantity of a license plate held for someone (a sales order line, the holder).
-- Reserved quantity is not offered by FEFO, allocations or shipments to anybody else.
create table stock_reservations (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  license_plate_id uuid not null,
  product_id uuid not null,
  holder_id uuid not null,
  qty numeric(18, 6) not null check (qty > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, license_plate_id, holder_id),
  foreign key (org_id, license_plate_id) references license_plates (org_id, id),
  foreign key (org_id, product_id) references products (org_id, id)
);
create index stock_reservations_holder_idx on stock_reservations (org_id, holder_id);
select mp_protect_tenant_table('stock_reservations', 'select, insert, update, delete');

create table sales_orders (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  number text not null,
  customer_id uuid not null,
  requested_date date,
  status text not null default 'draft'
    check (status in ('draft', 'confirmed', 'allocated', 'partially_allocated', 'picking', 'shipped', 'cancelled')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, customer_id) references customers (org_id, id)
);
create index sales_orders_status_idx on sales_orders (org_id, status, id);
create index sales_orders_customer_idx on sales_orders (org_id, customer_id);
select mp_protect_tenant_table('sales_orders', 'select, insert, update');
select mp_track_changes('sales_orders');

-- allocated >= picked >= shipped, each counted over the line's life (shipped stays counted).
create table sales_order_lines (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  sales_order_id uuid not null,
  line_no integer not null check (line_no > 0),
  product_id uuid not null,
  qty numeric(18, 6) not null check (qty > 0),
  allocated_qty numeric(18, 6) not null default 0,
  picked_qty numeric(18, 6) not null default 0,
  shipped_qty numeric(18, 6) not null default 0,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, sales_order_id, line_no),
  unique (org_id, sales_order_id, product_id),
  check (allocated_qty >= picked_qty and picked_qty >= shipped_qty and shipped_qty >= 0),
  foreign key (org_id, sales_order_id) references sales_orders (org_id, id),
  foreign key (org_id, product_id) references products (org_id, id)
);
create index sales_order_lines_product_idx on sales_order_lines (org_id, product_id);
select mp_protect_tenant_table('sales_order_lines', 'select, insert, update');

create table pick_lists (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  number text not null,
  sales_order_id uuid not null,
  status text not null default 'open' check (status in ('open', 'done', 'closed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, sales_order_id) references sales_orders (org_id, id)
);
create index pick_lists_order_idx on pick_lists (org_id, sales_order_id);
select mp_protect_tenant_table('pick_lists', 'select, insert, update');
create trigger set_audit_columns before insert or update on pick_lists for each row execute function mp_set_audit_columns();

-- What to take from which LP; a substitution lowers the replaced line's qty and adds a line.
create table pick_list_lines (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  pick_list_id uuid not null,
  sales_order_line_id uuid not null,
  license_plate_id uuid not null,
  product_id uuid not null,
  lot text not null,
  location_id uuid not null,
  qty numeric(18, 6) not null check (qty >= 0),
  picked_qty numeric(18, 6) not null default 0 check (picked_qty >= 0 and picked_qty <= qty),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, pick_list_id) references pick_lists (org_id, id),
  foreign key (org_id, sales_order_line_id) references sales_order_lines (org_id, id),
  foreign key (org_id, license_plate_id) references license_plates (org_id, id)
);
create index pick_list_lines_list_idx on pick_list_lines (org_id, pick_list_id);
select mp_protect_tenant_table('pick_list_lines', 'select, insert, update');

-- Each confirmed pick: the LP that was picked (the split-off part of a partial pick), until it ships.
create table picks (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  pick_list_id uuid not null,
  sales_order_line_id uuid not null,
  license_plate_id uuid not null,
  qty numeric(18, 6) not null check (qty > 0),
  shipment_id uuid,
  created_at timestamptz not null default now(),
  created_by uuid,
  unique (org_id, id),
  unique (org_id, license_plate_id),
  foreign key (org_id, pick_list_id) references pick_lists (org_id, id),
  foreign key (org_id, sales_order_line_id) references sales_order_lines (org_id, id),
  foreign key (org_id, license_plate_id) references license_plates (org_id, id),
  foreign key (org_id, shipment_id) references shipments (org_id, id)
);
create index picks_order_line_idx on picks (org_id, sales_order_line_id);
select mp_protect_tenant_table('picks', 'select, insert, update');

create table pallets (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  sales_order_id uuid not null,
  sscc text not null check (sscc ~ '^[0-9]{18}$'),
  created_at timestamptz not null default now(),
  created_by uuid,
  unique (org_id, id),
  unique (org_id, sscc),
  foreign key (org_id, sales_order_id) references sales_orders (org_id, id)
);
create index pallets_order_idx on pallets (org_id, sales_order_id);
select mp_protect_tenant_table('pallets', 'select, insert');

create table pallet_items (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  pallet_id uuid not null,
  license_plate_id uuid not null,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  -- A plate is on one pallet.
  unique (org_id, license_plate_id),
  foreign key (org_id, pallet_id) references pallets (org_id, id),
  foreign key (org_id, license_plate_id) references license_plates (org_id, id)
);
create index pallet_items_pallet_idx on pallet_items (org_id, pallet_id);
select mp_protect_tenant_table('pallet_items', 'select, insert');

-- A shipment made from a sales order.
alter table shipments add column sales_order_id uuid;
alter table shipments add foreign key (org_id, sales_order_id) references sales_orders (org_id, id);
create index shipments_sales_order_idx on shipments (org_id, sales_order_id) where sales_order_id is not null;
