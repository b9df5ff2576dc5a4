-- First master data: warehouses, suppliers, customers, products.

create table warehouses (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  code text not null,
  name text not null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, code)
);
select mp_protect_tenant_table('warehouses');
select mp_track_changes('warehouses');

create table suppliers (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  code text not null,
  name text not null,
  email text,
  phone text,
  address text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, code)
);
select mp_protect_tenant_table('suppliers');
select mp_track_changes('suppliers');

create table customers (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  code text not null,
  name text not null,
  email text,
  phone text,
  address text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, code)
);
select mp_protect_tenant_table('customers');
select mp_track_changes('customers');

create table products (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  code text not null,
  name text not null,
  type text not null check (type in ('raw', 'intermediate', 'finished', 'packaging')),
  uom text not null check (uom in ('kg', 'g', 'l', 'ml', 'pcs')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, code)
);
select mp_protect_tenant_table('products');
select mp_track_changes('products');
