-- Placement of organizations (DESIGN.md, tenancy rule 6; API.md "Operating many tenants").
--
-- The shared database holds the directory: each organization, the database it lives in, and
-- the one thing sign-in needs before it knows the organization (which organization an email
-- belongs to). Every database gets these tables (same migrations everywhere); only the shared
-- one's directory is read. Not tenant tables: they are read before any organization is known,
-- through the system door, and the app role has no rights on them.

create table tenant_directory (
  org_id uuid primary key,
  name text not null,
  -- 'shared', or a name of TENANT_DATABASES.
  database text not null default 'shared',
  -- The organization's own backup policy (null: none): how often and how many to keep.
  backup_every text check (backup_every in ('hourly', 'daily', 'weekly')),
  backup_keep integer check (backup_keep between 1 and 1000),
  placed_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);
create index tenant_directory_database_idx on tenant_directory (database);

create table user_directory (
  -- Lower-cased: one account per email across every database.
  email text primary key,
  org_id uuid not null references tenant_directory (org_id) on delete cascade
);
create index user_directory_org_idx on user_directory (org_id);

insert into tenant_directory (org_id, name, created_at) select id, name, created_at from organizations on conflict do nothing;
insert into user_directory (email, org_id) select lower(email), org_id from users on conflict do nothing;

-- A fence on an organization in this database, set by a move: 'frozen' while its last changes
-- are caught up on the other side (writes refused, reads go on), 'gone' once it lives elsewhere
-- (everything refused, so a server that has not yet heard of the move asks the directory again).
create table tenant_fences (
  org_id uuid primary key,
  mode text not null check (mode in ('frozen', 'gone')),
  set_at timestamptz not null default now()
);

-- The key of an organization's move lock: every write transaction holds it shared while it
-- runs, so a move that has just frozen the organization can wait for the writes already under way.
create or replace function mp_org_lock_key(org uuid) returns bigint language sql immutable as $$
  select pg_catalog.hashtextextended('monopilot:org:' || org::text, 0)
$$;

-- The tenancy door reads its own organization's fence as the app role, under the same row level
-- security as everything else. A move sets fences as the owner; they are never copied or exported.
select mp_protect_tenant_table('tenant_fences', 'select');

-- Called by the tenancy door with its settings, before the transaction's work. Raises
-- MP001 (frozen, for a write) or MP002 (gone); a read of a frozen organization goes on, read only.
-- Names are schema-qualified: it runs in whatever search_path the caller has.
create or replace function mp_tenant_gate(org uuid, writes boolean) returns boolean
language plpgsql as $$
declare
  fence text;
begin
  if writes then
    perform pg_catalog.pg_advisory_xact_lock_shared(public.mp_org_lock_key(org));
  end if;
  select f.mode into fence from public.tenant_fences f where f.org_id = org;
  if fence is null then
    return true;
  elsif fence = 'gone' then
    raise exception 'the organization has moved to another database' using errcode = 'MP002';
  elsif writes then
    raise exception 'the organization is being moved; its writes wait for a few seconds' using errcode = 'MP001';
  end if;
  perform pg_catalog.set_config('transaction_read_only', 'on', true);
  return true;
end $$;

-- Logical replication (the online move) filters each table by organization; a row filter on a
-- table that publishes updates and deletes may use only replica identity columns, so every
-- tenant table's replica identity includes org_id: its primary key when that has it, else a
-- unique (org_id, id) index. (Tenant tables: the ones under row level security.)
do $$
declare
  t record;
  identity_index text;
begin
  for t in
    select c.oid, c.relname from pg_class c
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    where c.relkind = 'r' and c.relrowsecurity and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)
  loop
    if exists (
      select 1 from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
      where i.indrelid = t.oid and i.indisprimary and a.attname = 'org_id'
    ) then
      continue;
    end if;
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
