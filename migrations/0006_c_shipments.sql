-- Shipping: shipments and the license plates each one carried to a customer.

create table shipments (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  number text not null,
  customer_id uuid not null,
  ship_date date not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, customer_id) references customers (org_id, id)
);
create index shipments_customer_idx on shipments (org_id, customer_id);
create index shipments_ship_date_idx on shipments (org_id, ship_date);
select mp_protect_tenant_table('shipments', 'select, insert');
select mp_track_changes('shipments');

create table shipment_lines (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  shipment_id uuid not null,
  line_no integer not null check (line_no > 0),
  license_plate_id uuid not null,
  product_id uuid not null,
  lot text not null,
  qty numeric(18, 6) not null check (qty > 0),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, shipment_id, line_no),
  -- A license plate leaves once.
  unique (org_id, license_plate_id),
  foreign key (org_id, shipment_id) references shipments (org_id, id),
  foreign key (org_id, license_plate_id) references license_plates (org_id, id),
  foreign key (org_id, product_id) references products (org_id, id)
);
create index shipment_lines_product_lot_idx on shipment_lines (org_id, product_id, lot);
select mp_protect_tenant_table('shipment_lines', 'select, insert');
