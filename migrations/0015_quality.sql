-- Quality: specifications and their parameters, inspections with their LPs and results,
-- non-conformance reports (NCRs) with the LPs they concern, electronic signatures (21 CFR
-- Part 11) and documents (certificates of analysis, photos) attached to LPs.
-- Quality records are never deleted: the app role gets no DELETE on any of these tables
-- (retention: docs/quality.md). Each table's replica identity includes org_id (its primary key,
-- or its unique (org_id, id)), so an online move can filter it by organization (migration 0014). Stock itself stays in the warehouse's tables; quality changes
-- an LP's QA status only through the warehouse's services.

-- What a product must meet at one stage. One active per product and stage; a new one for the
-- same product and stage supersedes it (versions 1, 2, 3 are kept).
create table specifications (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  product_id uuid not null,
  name text not null,
  stage text not null check (stage in ('receipt', 'in_process', 'final')),
  version integer not null check (version > 0),
  status text not null default 'active' check (status in ('active', 'superseded')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, product_id, stage, version),
  foreign key (org_id, product_id) references products (org_id, id)
);
create unique index specifications_one_active_idx on specifications (org_id, product_id, stage) where status = 'active';
create index specifications_list_idx on specifications (org_id, id);
select mp_protect_tenant_table('specifications', 'select, insert, update');
alter table specifications replica identity using index specifications_org_id_id_key;
select mp_track_changes('specifications');

-- A specification's parameters. Replaced as a whole while no inspection used the specification
-- (the only delete in quality's tables; refused by the trigger below once one did).
create table specification_parameters (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  specification_id uuid not null,
  line_no integer not null check (line_no > 0),
  code text not null,
  name text not null,
  kind text not null check (kind in ('numeric', 'boolean', 'text')),
  min_value numeric(18, 6),
  max_value numeric(18, 6),
  unit text,
  -- A yes/no parameter passes on this answer (default yes: "no foreign matter" answered yes).
  expected boolean,
  required boolean not null default true,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, specification_id, code),
  check (kind = 'numeric' or (min_value is null and max_value is null)),
  check ((kind = 'boolean') = (expected is not null)),
  check (min_value is null or max_value is null or min_value <= max_value),
  foreign key (org_id, specification_id) references specifications (org_id, id)
);
create index specification_parameters_spec_idx on specification_parameters (org_id, specification_id, line_no);
select mp_protect_tenant_table('specification_parameters', 'select, insert, delete');
alter table specification_parameters replica identity using index specification_parameters_org_id_id_key;
create trigger audit_changes after insert or update or delete on specification_parameters for each row execute function mp_audit_row();

-- An inspection of LPs of one product and lot against a specification: opened on receipt, on
-- output or by hand; completed once, with a decision.
create table inspections (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  number text not null,
  stage text not null check (stage in ('receipt', 'in_process', 'final')),
  product_id uuid not null,
  lot text not null,
  specification_id uuid not null,
  origin text not null check (origin in ('receipt', 'output', 'manual')),
  status text not null default 'open' check (status in ('open', 'completed')),
  decision text check (decision in ('passed', 'failed')),
  completed_at timestamptz,
  completed_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, number),
  check ((status = 'completed') = (decision is not null and completed_at is not null)),
  foreign key (org_id, product_id) references products (org_id, id),
  foreign key (org_id, specification_id) references specifications (org_id, id),
  foreign key (org_id, completed_by) references users (org_id, id)
);
create index inspections_status_idx on inspections (org_id, status, id);
create index inspections_specification_idx on inspections (org_id, specification_id);
create index inspections_lot_idx on inspections (org_id, product_id, lot);
select mp_protect_tenant_table('inspections', 'select, insert, update');
alter table inspections replica identity using index inspections_org_id_id_key;
select mp_track_changes('inspections');

-- A specification an inspection used is evidence: it can only be superseded, never edited
-- (the service answers 409 first; this is the wall under it).
create or replace function mp_specification_in_use(spec uuid) returns boolean language sql stable as $$
  select exists (select 1 from inspections i where i.specification_id = spec)
$$;
create or replace function mp_specification_used_is_final() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'specifications' then
    if (new.product_id, new.stage, new.version, new.name) is distinct from (old.product_id, old.stage, old.version, old.name)
       and mp_specification_in_use(old.id) then
      raise exception 'specification % was used by an inspection', old.id
        using errcode = 'check_violation', constraint = 'specifications_used_is_final';
    end if;
    return new;
  end if;
  if tg_op = 'DELETE' then
    if mp_specification_in_use(old.specification_id) then
      raise exception 'specification % was used by an inspection', old.specification_id
        using errcode = 'check_violation', constraint = 'specifications_used_is_final';
    end if;
    return old;
  end if;
  if mp_specification_in_use(new.specification_id) then
    raise exception 'specification % was used by an inspection', new.specification_id
      using errcode = 'check_violation', constraint = 'specifications_used_is_final';
  end if;
  return new;
end $$;
create trigger specifications_used_is_final before update on specifications
  for each row execute function mp_specification_used_is_final();
create trigger specification_parameters_used_is_final before insert or update or delete on specification_parameters
  for each row execute function mp_specification_used_is_final();

-- The LPs an inspection decides on. Append-only.
create table inspection_license_plates (
  org_id uuid not null,
  inspection_id uuid not null,
  license_plate_id uuid not null,
  primary key (org_id, inspection_id, license_plate_id),
  foreign key (org_id, inspection_id) references inspections (org_id, id),
  foreign key (org_id, license_plate_id) references license_plates (org_id, id)
);
create index inspection_license_plates_lp_idx on inspection_license_plates (org_id, license_plate_id);
select mp_protect_tenant_table('inspection_license_plates', 'select, insert');

-- One result per parameter of an open inspection, judged against the limits when entered;
-- entered again, it is replaced (the audit trail keeps the earlier value).
create table inspection_results (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  inspection_id uuid not null,
  parameter_code text not null,
  value text not null,
  passed boolean not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, inspection_id, parameter_code),
  foreign key (org_id, inspection_id) references inspections (org_id, id)
);
select mp_protect_tenant_table('inspection_results', 'select, insert, update');
alter table inspection_results replica identity using index inspection_results_org_id_id_key;
select mp_track_changes('inspection_results');

-- Non-conformance reports, numbered NCR-000001: open → investigating → action → closed.
create table ncrs (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  number text not null,
  title text not null,
  description text not null,
  severity text not null check (severity in ('minor', 'major', 'critical')),
  status text not null default 'open' check (status in ('open', 'investigating', 'action', 'closed')),
  product_id uuid,
  lot text,
  supplier_id uuid,
  inspection_id uuid,
  root_cause text,
  corrective_action text,
  closed_at timestamptz,
  closed_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id),
  unique (org_id, number),
  check ((status = 'closed') = (closed_at is not null)),
  check (status <> 'closed' or (root_cause is not null and corrective_action is not null)),
  foreign key (org_id, product_id) references products (org_id, id),
  foreign key (org_id, supplier_id) references suppliers (org_id, id),
  foreign key (org_id, inspection_id) references inspections (org_id, id),
  foreign key (org_id, closed_by) references users (org_id, id)
);
create index ncrs_status_idx on ncrs (org_id, status, id);
create index ncrs_inspection_idx on ncrs (org_id, inspection_id);
select mp_protect_tenant_table('ncrs', 'select, insert, update');
alter table ncrs replica identity using index ncrs_org_id_id_key;
select mp_track_changes('ncrs');

-- A closed NCR is signed and locked: the database refuses any further change.
create or replace function mp_ncr_closed_is_final() returns trigger language plpgsql as $$
begin
  if old.status = 'closed' then
    raise exception 'NCR % is closed and signed', old.number
      using errcode = 'check_violation', constraint = 'ncrs_closed_is_final';
  end if;
  return new;
end $$;
create trigger ncrs_closed_is_final before update on ncrs for each row execute function mp_ncr_closed_is_final();

-- The LPs an NCR concerns. Append-only.
create table ncr_license_plates (
  org_id uuid not null,
  ncr_id uuid not null,
  license_plate_id uuid not null,
  primary key (org_id, ncr_id, license_plate_id),
  foreign key (org_id, ncr_id) references ncrs (org_id, id),
  foreign key (org_id, license_plate_id) references license_plates (org_id, id)
);
create index ncr_license_plates_lp_idx on ncr_license_plates (org_id, license_plate_id);
select mp_protect_tenant_table('ncr_license_plates', 'select, insert');

-- Electronic signatures: who signed which record, when, meaning what, and a SHA-256 of the
-- record as signed (canonical JSON). Append-only; every insert lands in the audit trail.
create table signatures (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  record_type text not null check (record_type ~ '^[a-z][a-z_]{0,62}$'),
  record_id uuid not null,
  signer_id uuid not null,
  signer_name text not null,
  signer_email text not null,
  meaning text not null check (length(meaning) between 1 and 500),
  record_sha256 text not null check (record_sha256 ~ '^[0-9a-f]{64}$'),
  signed_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, signer_id) references users (org_id, id)
);
create index signatures_record_idx on signatures (org_id, record_id, signed_at);
select mp_protect_tenant_table('signatures', 'select, insert');
alter table signatures replica identity using index signatures_org_id_id_key;
create trigger audit_changes after insert or update or delete on signatures for each row execute function mp_audit_row();

-- Certificates of analysis, photos and other files attached to an LP, stored in the database so
-- every server instance serves them. The product and lot are kept beside the LP so a lot's
-- documents are found from any of its LPs. Append-only.
create table documents (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  license_plate_id uuid not null,
  product_id uuid not null,
  lot text not null,
  kind text not null check (kind in ('coa', 'photo', 'other')),
  file_name text not null,
  content_type text not null check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
  size integer not null check (size > 0 and size <= 10485760),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  created_at timestamptz not null default now(),
  created_by uuid default current_app_user_id(),
  unique (org_id, id),
  check (octet_length(content) = size),
  foreign key (org_id, license_plate_id) references license_plates (org_id, id),
  foreign key (org_id, product_id) references products (org_id, id)
);
create index documents_lot_idx on documents (org_id, product_id, lot, id);
create index documents_license_plate_idx on documents (org_id, license_plate_id);
select mp_protect_tenant_table('documents', 'select, insert');
alter table documents replica identity using index documents_org_id_id_key;
