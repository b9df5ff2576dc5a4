-- Master data in full: locations, organization settings, allergens, product details, BOMs.

create table locations (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  warehouse_id uuid not null,
  code text not null,
  name text not null,
  type text not null check (type in ('storage', 'receiving', 'production', 'shipping', 'quarantine')),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, warehouse_id, code),
  foreign key (org_id, warehouse_id) references warehouses (org_id, id)
);
select mp_protect_tenant_table('locations');
select mp_track_changes('locations');

create table org_settings (
  org_id uuid primary key references organizations (id),
  receipt_qa_required boolean not null default false,
  output_qa_required boolean not null default false,
  over_receipt_tolerance_percent numeric(6, 2) not null default 0 check (over_receipt_tolerance_percent >= 0),
  expiry_warning_days integer not null default 7 check (expiry_warning_days >= 0),
  locale text not null default 'en' check (locale in ('en', 'pl')),
  timezone text not null default 'UTC',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid
);
select mp_protect_tenant_table('org_settings', 'select, insert, update');
create trigger set_audit_columns before insert or update on org_settings for each row execute function mp_set_audit_columns();
create trigger audit_changes after insert or update or delete on org_settings for each row execute function mp_audit_row();

create table allergens (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  code text not null,
  name_en text not null,
  name_pl text not null,
  custom boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, code)
);
select mp_protect_tenant_table('allergens');
select mp_track_changes('allergens');

-- Every organization starts with its settings row and the 14 EU allergens (Regulation 1169/2011, Annex II).
create or replace function mp_seed_organization() returns trigger language plpgsql as $$
begin
  insert into org_settings (org_id) values (new.id);
  insert into allergens (org_id, code, name_en, name_pl, custom)
  select new.id, code, name_en, name_pl, false from (values
    ('gluten', 'Cereals containing gluten', 'Zboża zawierające gluten'),
    ('crustaceans', 'Crustaceans', 'Skorupiaki'),
    ('eggs', 'Eggs', 'Jaja'),
    ('fish', 'Fish', 'Ryby'),
    ('peanuts', 'Peanuts', 'Orzeszki ziemne (arachidowe)'),
    ('soybeans', 'Soybeans', 'Soja'),
    ('milk', 'Milk', 'Mleko'),
    ('nuts', 'Nuts', 'Orzechy'),
    ('celery', 'Celery', 'Seler'),
    ('mustard', 'Mustard', 'Gorczyca'),
    ('sesame', 'Sesame seeds', 'Nasiona sezamu'),
    ('sulphites', 'Sulphur dioxide and sulphites', 'Dwutlenek siarki i siarczyny'),
    ('lupin', 'Lupin', 'Łubin'),
    ('molluscs', 'Molluscs', 'Mięczaki')
  ) as eu (code, name_en, name_pl);
  return null;
end $$;
create trigger seed_organization after insert on organizations for each row execute function mp_seed_organization();

alter table products
  add column shelf_life_days integer check (shelf_life_days >= 0),
  add column gtin text check (gtin ~ '^([0-9]{8}|[0-9]{12,14})$'),
  add column status text not null default 'active' check (status in ('active', 'inactive'));
create index products_type_idx on products (org_id, type);

create table product_allergens (
  org_id uuid not null,
  product_id uuid not null,
  allergen_id uuid not null,
  primary key (org_id, product_id, allergen_id),
  foreign key (org_id, product_id) references products (org_id, id) on delete cascade,
  foreign key (org_id, allergen_id) references allergens (org_id, id)
);
create index product_allergens_allergen_idx on product_allergens (org_id, allergen_id);
select mp_protect_tenant_table('product_allergens');

create table boms (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  product_id uuid not null,
  version integer not null check (version > 0),
  status text not null default 'draft' check (status in ('draft', 'active')),
  output_qty numeric(18, 6) not null check (output_qty > 0),
  effective_from date not null,
  effective_to date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, product_id, version),
  check (effective_to is null or effective_to >= effective_from),
  foreign key (org_id, product_id) references products (org_id, id)
);
create index boms_product_status_idx on boms (org_id, product_id, status, effective_from);
select mp_protect_tenant_table('boms');
select mp_track_changes('boms');

create table bom_items (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  bom_id uuid not null,
  line_no integer not null,
  product_id uuid not null,
  qty numeric(18, 6) not null check (qty > 0),
  scrap_percent numeric(6, 2) not null default 0 check (scrap_percent >= 0 and scrap_percent < 100),
  unique (org_id, id),
  unique (org_id, bom_id, line_no),
  foreign key (org_id, bom_id) references boms (org_id, id) on delete cascade,
  foreign key (org_id, product_id) references products (org_id, id)
);
create index bom_items_product_idx on bom_items (org_id, product_id);
select mp_protect_tenant_table('bom_items');
