-- autoscale sync hub: the remote schema (idempotent; safe to apply again).
--
-- Postgres is the hub and the ordering authority; every SQLite file is a replica. Rows of all
-- synced tables live in one generic table keyed by (tbl, id) with the row as jsonb, so a table
-- added to a replica's schema syncs without a remote migration. Typed read-only views for the
-- main tables are created at the end for people who query the hub directly.

create table if not exists sync_counter (
  id smallint primary key default 1 check (id = 1),
  value bigint not null default 0
);
insert into sync_counter (id, value) values (1, 0) on conflict (id) do nothing;

create table if not exists sync_rows (
  tbl text not null,
  id text not null,
  version bigint not null,
  data jsonb not null,
  updated_at text,
  updated_by text,
  deleted_at text,
  origin_replica text,
  server_at timestamptz not null default now(),
  primary key (tbl, id)
);
-- pull_changes walks versions in order; versions are unique across the hub.
create unique index if not exists sync_rows_version on sync_rows (version);
-- The replica whose write this version is, exactly as it sent it (null when the hub made the
-- version: a refusal or a replay re-versions the row). pull_changes skips these rows for that
-- replica: it already has them, so the writer of 200,000 rows does not download them back.
alter table sync_rows add column if not exists accepted_from text;

-- Unique keys of replica tables (e.g. variant_versions(variant_id, version_no)): SQLite enforces
-- them on every replica, so the hub must refuse a second row with the same key.
create table if not exists sync_unique_keys (
  tbl text not null,
  key_name text not null,
  key_value text not null,
  id text not null,
  primary key (tbl, key_name, key_value)
);
create index if not exists sync_unique_keys_row on sync_unique_keys (tbl, id);

-- Per-replica high-water mark of outbox sequence numbers: a push replayed after a lost
-- acknowledgement is recognised and not applied twice.
create table if not exists sync_replicas (
  replica text primary key,
  last_seq bigint not null default 0,
  first_seen timestamptz not null default now(),
  last_seen timestamptz not null default now()
);

-- Content-addressed media for hubs without Supabase Storage (direct Postgres transport).
create table if not exists sync_blobs (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  content_type text not null,
  bytes bytea not null,
  created_at timestamptz not null default now()
);

-- One row per lease name; only the holder publishes, verifies and pulls metrics.
create table if not exists publisher_lease (
  name text primary key default 'publisher',
  holder text not null,
  holder_label text,
  acquired_at timestamptz not null default now(),
  renewed_at timestamptz not null default now(),
  expires_at timestamptz not null
);

-- Row-level security on every table, with no policy: only roles that bypass RLS (Supabase's
-- service_role, the table owner used by a direct connection) can read or write. anon and
-- authenticated see nothing.
alter table sync_counter enable row level security;
alter table sync_rows enable row level security;
alter table sync_unique_keys enable row level security;
alter table sync_replicas enable row level security;
alter table sync_blobs enable row level security;
alter table publisher_lease enable row level security;

do $$
declare
  r text;
begin
  foreach r in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = r) then
      execute format('revoke all on sync_counter, sync_rows, sync_unique_keys, sync_replicas, sync_blobs, publisher_lease from %I', r);
    end if;
  end loop;
  if exists (select 1 from pg_roles where rolname = 'service_role') then
    execute 'grant select, insert, update, delete on sync_counter, sync_rows, sync_unique_keys, sync_replicas, sync_blobs, publisher_lease to service_role';
  end if;
end
$$;
