-- Platform: ids, the app role, the tenant-table helpers, audit, organizations, users, roles, tokens.

-- Time-ordered UUIDs (v7) made by the database, so bulk loads get them too.
create or replace function gen_uuid_v7() returns uuid language sql volatile as $$
  select encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
              from 1 for 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;

-- The role tenant transactions run as: no superuser, no BYPASSRLS, owns nothing.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'monopilot_app') then
    create role monopilot_app nologin nosuperuser nobypassrls noinherit;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;
grant usage on schema public to monopilot_app;
do $$ begin execute format('grant monopilot_app to %I', current_user); exception when others then null; end $$;

create or replace function current_org_id() returns uuid language sql stable as $$
  select nullif(current_setting('app.org_id', true), '')::uuid
$$;

create or replace function current_app_user_id() returns uuid language sql stable as $$
  select nullif(current_setting('app.user_id', true), '')::uuid
$$;

-- Row level security, forced, with one policy for reading and writing; and the app role's grants.
create or replace function mp_protect_tenant_table(t regclass, privileges text default 'select, insert, update, delete')
returns void language plpgsql as $$
begin
  execute format('alter table %s enable row level security', t);
  execute format('alter table %s force row level security', t);
  execute format('drop policy if exists tenant_isolation on %s', t);
  execute format(
    'create policy tenant_isolation on %s using (org_id = (select nullif(current_setting(''app.org_id'', true), '''')::uuid)) '
    'with check (org_id = (select nullif(current_setting(''app.org_id'', true), '''')::uuid))', t);
  execute format('grant %s on %s to monopilot_app', privileges, t);
end $$;

-- created_at/updated_at/created_by/updated_by kept by the database, whoever writes.
create or replace function mp_set_audit_columns() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  new.updated_by := current_app_user_id();
  if tg_op = 'INSERT' then
    new.created_at := coalesce(new.created_at, now());
    new.created_by := coalesce(new.created_by, new.updated_by);
  else
    new.created_at := old.created_at;
    new.created_by := old.created_by;
  end if;
  return new;
end $$;

create table audit_log (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  table_name text not null,
  record_id uuid,
  action text not null check (action in ('INSERT', 'UPDATE', 'DELETE')),
  old_data jsonb,
  new_data jsonb,
  user_id uuid,
  created_at timestamptz not null default now()
);
create index audit_log_record_idx on audit_log (org_id, table_name, record_id, created_at desc);
select mp_protect_tenant_table('audit_log', 'select, insert');

-- Secrets never reach the audit trail.
create or replace function mp_audit_row() returns trigger language plpgsql as $$
declare
  old_row jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) - 'password_hash' - 'token_hash' - 'secret' end;
  new_row jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) - 'password_hash' - 'token_hash' - 'secret' end;
begin
  if tg_op = 'UPDATE' and old_row = new_row then
    return null;
  end if;
  insert into audit_log (org_id, table_name, record_id, action, old_data, new_data, user_id)
  values (
    coalesce(new_row ->> 'org_id', old_row ->> 'org_id')::uuid,
    tg_table_name,
    coalesce(new_row ->> 'id', old_row ->> 'id')::uuid,
    tg_op, old_row, new_row, current_app_user_id());
  return null;
end $$;

create or replace function mp_track_changes(t regclass) returns void language plpgsql as $$
begin
  execute format('create trigger set_audit_columns before insert or update on %s for each row execute function mp_set_audit_columns()', t);
  execute format('create trigger audit_changes after insert or update or delete on %s for each row execute function mp_audit_row()', t);
end $$;

create table organizations (
  id uuid primary key default gen_uuid_v7(),
  name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid
);
alter table organizations enable row level security;
alter table organizations force row level security;
create policy tenant_isolation on organizations
  using (id = (select nullif(current_setting('app.org_id', true), '')::uuid))
  with check (id = (select nullif(current_setting('app.org_id', true), '')::uuid));
grant select, update on organizations to monopilot_app;
create trigger set_audit_columns before insert or update on organizations for each row execute function mp_set_audit_columns();

create table users (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  email text not null,
  name text not null,
  password_hash text not null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id)
);
create unique index users_email_key on users (lower(email));
select mp_protect_tenant_table('users');
select mp_track_changes('users');

create table roles (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  name text not null,
  permissions jsonb not null,
  is_system boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id)
);
create unique index roles_name_key on roles (org_id, lower(name));
select mp_protect_tenant_table('roles');
select mp_track_changes('roles');

create table user_roles (
  org_id uuid not null,
  user_id uuid not null,
  role_id uuid not null,
  primary key (org_id, user_id, role_id),
  foreign key (org_id, user_id) references users (org_id, id) on delete cascade,
  foreign key (org_id, role_id) references roles (org_id, id) on delete cascade
);
create index user_roles_role_idx on user_roles (org_id, role_id);
select mp_protect_tenant_table('user_roles');

create table refresh_tokens (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  user_id uuid not null,
  family_id uuid not null,
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (org_id, user_id) references users (org_id, id) on delete cascade
);
create index refresh_tokens_family_idx on refresh_tokens (org_id, family_id);
create index refresh_tokens_expiry_idx on refresh_tokens (expires_at);
select mp_protect_tenant_table('refresh_tokens');

-- Failed sign-ins per email; read before any organization is known, so not a tenant table.
create table login_attempts (
  email text primary key,
  failures integer not null default 0,
  first_failed_at timestamptz not null default now(),
  locked_until timestamptz
);

create table idempotency_keys (
  org_id uuid not null,
  key text not null,
  method text not null,
  path text not null,
  request_hash text not null,
  status_code integer,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (org_id, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);
select mp_protect_tenant_table('idempotency_keys');

-- Per-organization human numbers (LP00000001, WO-000001, ...).
create table org_counters (
  org_id uuid not null,
  name text not null,
  value bigint not null,
  primary key (org_id, name)
);
select mp_protect_tenant_table('org_counters', 'select, insert, update');
