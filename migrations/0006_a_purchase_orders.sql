-- Purchase orders (planning): what was ordered from whom, and how much of it has arrived.
-- Orders are cancelled, never deleted, so the app role gets no DELETE.

create table purchase_orders (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  number text not null,
  supplier_id uuid not null,
  status text not null default 'draft'
    check (status in ('draft', 'approved', 'partially_received', 'received', 'cancelled')),
  expected_date date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, supplier_id) references suppliers (org_id, id)
);
create index purchase_orders_status_idx on purchase_orders (org_id, status);
create index purchase_orders_supplier_idx on purchase_orders (org_id, supplier_id);
select mp_protect_tenant_table('purchase_orders', 'select, insert, update');
select mp_track_changes('purchase_orders');

create table purchase_order_lines (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  purchase_order_id uuid not null,
  line_no integer not null check (line_no > 0),
  product_id uuid not null,
  qty numeric(18, 6) not null check (qty > 0),
  received_qty numeric(18, 6) not null default 0 check (received_qty >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, purchase_order_id, line_no),
  foreign key (org_id, purchase_order_id) references purchase_orders (org_id, id),
  foreign key (org_id, product_id) references products (org_id, id)
);
create index purchase_order_lines_product_idx on purchase_order_lines (org_id, product_id);
select mp_protect_tenant_table('purchase_order_lines', 'select, insert, update');
select mp_track_changes('purchase_order_lines');
