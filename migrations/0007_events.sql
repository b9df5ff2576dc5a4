-- Events: the transactional outbox, webhook endpoints and the log of every delivery attempt.

-- One row per business change others must hear of, written in the same transaction as the change.
-- seq is per organization and gapless (taken from org_counters under its row lock), so within an
-- organization seq order is commit order: an SSE client resumes exactly after the last seq it saw.
create table events (
  id uuid not null default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  seq bigint not null,
  type text not null check (type ~ '^[a-z_]+(\.[a-z_]+)+$'),
  subject_id uuid,
  payload jsonb not null default '{}',
  created_at timestamptz not null default now(),
  primary key (org_id, seq),
  unique (org_id, id)
);
create index events_created_idx on events (created_at);
-- Append-only for the app; retention cleanup runs through the system door.
select mp_protect_tenant_table('events', 'select, insert');

create table webhook_endpoints (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null references organizations (id),
  url text not null check (url ~ '^https?://'),
  events text[] not null check (cardinality(events) > 0),
  secret text not null,
  active boolean not null default true,
  disabled_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  unique (org_id, id)
);
create index webhook_endpoints_active_idx on webhook_endpoints (org_id) where active;
select mp_protect_tenant_table('webhook_endpoints');
select mp_track_changes('webhook_endpoints');

create table webhook_deliveries (
  id uuid primary key default gen_uuid_v7(),
  org_id uuid not null,
  endpoint_id uuid not null,
  event_id uuid not null,
  event_type text not null,
  attempt integer not null check (attempt >= 1),
  status_code integer,
  duration_ms integer not null check (duration_ms >= 0),
  error text,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, endpoint_id) references webhook_endpoints (org_id, id) on delete cascade
);
create index webhook_deliveries_endpoint_idx on webhook_deliveries (org_id, endpoint_id, id);
select mp_protect_tenant_table('webhook_deliveries', 'select, insert');
