-- autoscale sync hub: the functions replicas call (push, pull). Idempotent.

-- Lifecycle rank of a post state. A stale write may never lower it; nothing may lower a post
-- that reached `published` (rank 5). States that legitimately go back a step (in_review → draft,
-- failed → approved) share or sit near the rank of their neighbours so those moves stay possible
-- for a replica that saw the current row.
create or replace function sync_post_rank(p_state text) returns int
language sql immutable set search_path = public as $$
  select case p_state
    when 'draft' then 0
    when 'in_review' then 1
    when 'rejected' then 1
    when 'approved' then 2
    when 'failed' then 2
    when 'scheduled' then 3
    when 'publishing' then 4
    when 'unconfirmed' then 4
    when 'published' then 5
    when 'measured' then 6
    else -1
  end
$$;

create or replace function sync_iso_now() returns text
language sql stable set search_path = public as $$
  select to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- Why a write touching content under a published post must be refused (null: allowed).
-- Content = the post's own fields, its variants, their versions and its images. Rows the hub
-- already has never change; a NEW row is accepted only from the replica that last wrote the post
-- (the publisher pushing a post it created and published offline: its batch is ordered by each
-- row's latest change, so the post can arrive before its variants).
create or replace function sync_frozen_reason(p_tbl text, p_cur jsonb, p_new jsonb, p_replica text) returns text
language plpgsql stable set search_path = public as $$
declare
  v_post_id text;
  v_state text;
  v_post_writer text;
  v_meta text[] := array['version', 'updated_at', 'updated_by'];
begin
  if p_tbl = 'posts' then
    if p_cur is null or sync_post_rank(p_cur->>'state') < 5 then return null; end if;
    if p_new is null or p_new->>'deleted_at' is not null then return 'published_frozen'; end if;
    if (p_cur - v_meta - 'state' - 'failure_reason') is distinct from (p_new - v_meta - 'state' - 'failure_reason') then
      return 'published_frozen';
    end if;
    return null;
  elsif p_tbl in ('variants', 'images') then
    v_post_id := coalesce(p_new->>'post_id', p_cur->>'post_id');
  elsif p_tbl = 'variant_versions' then
    select data->>'post_id' into v_post_id from sync_rows
     where tbl = 'variants' and id = coalesce(p_new->>'variant_id', p_cur->>'variant_id');
  else
    return null;
  end if;
  if v_post_id is null then return null; end if;
  select data->>'state', updated_by into v_state, v_post_writer from sync_rows where tbl = 'posts' and id = v_post_id;
  if v_state is null or sync_post_rank(v_state) < 5 then return null; end if;
  if p_cur is null and p_new is not null and v_post_writer = p_replica then return null; end if;
  if p_cur is null or p_new is null or (p_cur - v_meta) is distinct from (p_new - v_meta) then
    return 'published_frozen';
  end if;
  return null;
end
$$;

-- Push. One call = one transaction:
--  * mutations are applied in the replica's sequence order; a sequence at or below the
--    replica's high-water mark is a replay (lost acknowledgement) and is not applied again;
--  * last writer wins in server order, except that a stale write (based on a version another
--    replica has since replaced) never lowers a post's lifecycle rank, nothing lowers a
--    published post, and content under a published post never changes;
--  * an accepted write that overrides another replica's newer row leaves a `sync_conflict`
--    row in audit_log; a refused one leaves `sync_rejected` with the refused row in `data`;
--  * every touched row (accepted, refused or replayed) gets a fresh version from the single
--    locked counter, so the authoritative copy flows back to every replica on its next pull;
--  * refusals are returned as data: one bad row never blocks the queue.
-- p_mutations: [{seq, tbl, id, op: 'upsert'|'delete', base, data, unique: [[col, ...], ...]}]
create or replace function apply_mutations(p_replica text, p_mutations jsonb) returns jsonb
language plpgsql volatile set search_path = public as $$
declare
  v_counter bigint;
  v_last bigint;
  v_max bigint;
  m jsonb;
  v_seq bigint;
  v_tbl text;
  v_id text;
  v_op text;
  v_base bigint;
  v_new jsonb;
  v_cur sync_rows%rowtype;
  v_found boolean;
  v_reason text;
  v_stale boolean;
  v_key_names text[];
  v_key_values text[];
  v_cols jsonb;
  v_col text;
  v_name text;
  v_vals jsonb;
  v_null boolean;
  v_other text;
  v_meta text[] := array['version', 'updated_at', 'updated_by'];
  -- Arrays, not jsonb: appending to a plpgsql array is done in place, appending to jsonb copies it.
  v_accepted jsonb[] := '{}';
  v_rejected jsonb[] := '{}';
  v_duplicates jsonb[] := '{}';
  v_now text := sync_iso_now();
  v_audit_id text;
begin
  if p_replica is null or length(p_replica) = 0 then
    raise exception 'apply_mutations: replica id required' using errcode = '22023';
  end if;
  if p_mutations is null or jsonb_typeof(p_mutations) <> 'array' then
    raise exception 'apply_mutations: mutations must be a JSON array' using errcode = '22023';
  end if;

  -- The single locked counter: concurrent pushes serialise here, so versions are handed out
  -- in commit order and a puller that sees counter value N sees every row at or below N.
  select value into v_counter from sync_counter where id = 1 for update;
  insert into sync_replicas (replica) values (p_replica) on conflict (replica) do nothing;
  select last_seq into v_last from sync_replicas where replica = p_replica for update;
  v_max := v_last;

  for m in select value from jsonb_array_elements(p_mutations) order by (value->>'seq')::bigint loop
    v_seq := (m->>'seq')::bigint;
    v_tbl := m->>'tbl';
    v_id := m->>'id';
    v_op := coalesce(m->>'op', 'upsert');
    v_base := coalesce((m->>'base')::bigint, 0);
    v_new := case when v_op = 'delete' or jsonb_typeof(m->'data') <> 'object' then null else m->'data' end;
    if v_seq is null or v_tbl is null or v_id is null then
      v_rejected := array_append(v_rejected, jsonb_build_object('seq', v_seq, 'tbl', v_tbl, 'id', v_id, 'reason', 'malformed', 'exists', false));
      continue;
    end if;

    select * into v_cur from sync_rows where tbl = v_tbl and id = v_id for update;
    v_found := found;

    if v_seq <= v_last then
      if v_found then
        v_counter := v_counter + 1;
        update sync_rows set version = v_counter, data = jsonb_set(data, '{version}', to_jsonb(v_counter)), server_at = now(),
          accepted_from = null
         where tbl = v_tbl and id = v_id;
      end if;
      v_duplicates := array_append(v_duplicates, jsonb_build_object('seq', v_seq, 'tbl', v_tbl, 'id', v_id,
        'version', case when v_found then v_counter end, 'exists', v_found));
      continue;
    end if;
    v_max := greatest(v_max, v_seq);

    if v_op = 'delete' then
      if not v_found then
        v_accepted := array_append(v_accepted, jsonb_build_object('seq', v_seq, 'tbl', v_tbl, 'id', v_id, 'version', null));
        continue;
      end if;
      -- A hard delete on a replica becomes a tombstone: the content stays on the hub.
      v_new := v_cur.data || jsonb_build_object('deleted_at', coalesce(v_cur.deleted_at, v_now), 'updated_by', p_replica);
    end if;

    v_reason := null;
    v_stale := v_found and v_base < v_cur.version and coalesce(v_cur.updated_by, '') <> p_replica;

    if v_tbl = 'posts' and v_found and v_cur.deleted_at is null
       and sync_post_rank(v_new->>'state') < sync_post_rank(v_cur.data->>'state')
       and (v_stale or sync_post_rank(v_cur.data->>'state') >= 5) then
      v_reason := 'lifecycle_regression';
    end if;
    -- Only posts and what hangs off them can be frozen: skip the call for every other table.
    if v_reason is null and v_tbl in ('posts', 'variants', 'variant_versions', 'images') then
      v_reason := sync_frozen_reason(v_tbl, case when v_found then v_cur.data end, v_new, p_replica);
    end if;
    v_key_names := '{}';
    v_key_values := '{}';
    if v_new is not null and jsonb_typeof(m->'unique') = 'array' then
      -- Each unique key as (columns, JSON array of values); keys with a null part are not unique
      -- in SQLite either, so they are skipped. Plain expressions rather than a query per row:
      -- most rows carry a key, and this is the push's hot path.
      for i in 0 .. jsonb_array_length(m->'unique') - 1 loop
        v_cols := m->'unique'->i;
        v_name := '';
        v_vals := '[]'::jsonb;
        v_null := false;
        for j in 0 .. jsonb_array_length(v_cols) - 1 loop
          v_col := v_cols->>j;
          v_null := v_null or v_new->>v_col is null;
          v_name := v_name || case when j > 0 then ',' else '' end || v_col;
          v_vals := v_vals || jsonb_build_array(v_new->v_col);
        end loop;
        if not v_null then
          v_key_names := v_key_names || v_name;
          v_key_values := v_key_values || v_vals::text;
        end if;
      end loop;
    end if;
    if v_reason is null then
      -- One primary-key probe per key (a join against unnest() may be planned as a scan).
      for i in 1 .. cardinality(v_key_names) loop
        select id into v_other from sync_unique_keys
         where tbl = v_tbl and key_name = v_key_names[i] and key_value = v_key_values[i];
        if found and v_other <> v_id then
          v_reason := 'unique_conflict:' || v_key_names[i];
          exit;
        end if;
      end loop;
    end if;

    if v_reason is not null then
      if v_found then
        v_counter := v_counter + 1;
        update sync_rows set version = v_counter, data = jsonb_set(data, '{version}', to_jsonb(v_counter)), server_at = now(),
          accepted_from = null
         where tbl = v_tbl and id = v_id;
      end if;
      v_counter := v_counter + 1;
      v_audit_id := gen_random_uuid()::text;
      insert into sync_rows (tbl, id, version, data, updated_at, updated_by, origin_replica)
      values ('audit_log', v_audit_id, v_counter, jsonb_build_object(
        'id', v_audit_id, 'entity', v_tbl, 'entity_id', v_id, 'action', 'sync_rejected',
        'from_state', case when v_tbl = 'posts' and v_found then v_cur.data->>'state' end,
        'to_state', case when v_tbl = 'posts' then v_new->>'state' end,
        'actor', 'sync@hub', 'reason', v_reason,
        'data', jsonb_build_object('replica', p_replica, 'seq', v_seq, 'op', v_op, 'rejected', v_new)::text,
        'created_at', v_now, 'version', v_counter, 'updated_at', v_now, 'updated_by', 'hub', 'deleted_at', null),
        v_now, 'hub', 'hub');
      v_rejected := array_append(v_rejected, jsonb_build_object('seq', v_seq, 'tbl', v_tbl, 'id', v_id, 'reason', v_reason,
        'exists', v_found, 'version', case when v_found then v_counter - 1 end));
      continue;
    end if;

    if v_stale and (v_cur.data - v_meta) is distinct from (v_new - v_meta) then
      v_counter := v_counter + 1;
      v_audit_id := gen_random_uuid()::text;
      insert into sync_rows (tbl, id, version, data, updated_at, updated_by, origin_replica)
      values ('audit_log', v_audit_id, v_counter, jsonb_build_object(
        'id', v_audit_id, 'entity', v_tbl, 'entity_id', v_id, 'action', 'sync_conflict',
        'from_state', case when v_tbl = 'posts' then v_cur.data->>'state' end,
        'to_state', case when v_tbl = 'posts' then v_new->>'state' end,
        'actor', 'sync@hub', 'reason', 'last writer wins: ' || p_replica || ' overrode ' || coalesce(v_cur.updated_by, '?'),
        'data', jsonb_build_object('replica', p_replica, 'seq', v_seq, 'overridden', v_cur.data)::text,
        'created_at', v_now, 'version', v_counter, 'updated_at', v_now, 'updated_by', 'hub', 'deleted_at', null),
        v_now, 'hub', 'hub');
    end if;

    v_counter := v_counter + 1;
    v_new := v_new || jsonb_build_object('version', v_counter);
    -- A replica's delete becomes a tombstone the replica does not have yet: it must flow back.
    insert into sync_rows as r (tbl, id, version, data, updated_at, updated_by, deleted_at, origin_replica, server_at, accepted_from)
    values (v_tbl, v_id, v_counter, v_new, v_new->>'updated_at', p_replica, v_new->>'deleted_at', p_replica, now(),
      case when v_op = 'delete' then null else p_replica end)
    on conflict (tbl, id) do update set version = excluded.version, data = excluded.data, updated_at = excluded.updated_at,
      updated_by = excluded.updated_by, deleted_at = excluded.deleted_at, origin_replica = excluded.origin_replica,
      server_at = excluded.server_at, accepted_from = excluded.accepted_from;

    if v_found and jsonb_typeof(m->'unique') = 'array' then
      delete from sync_unique_keys where tbl = v_tbl and id = v_id;
    end if;
    if cardinality(v_key_names) > 0 then
      insert into sync_unique_keys (tbl, key_name, key_value, id)
      select v_tbl, k.name, k.value, v_id from unnest(v_key_names, v_key_values) as k(name, value)
      on conflict (tbl, key_name, key_value) do update set id = excluded.id;
    end if;
    v_accepted := array_append(v_accepted, jsonb_build_object('seq', v_seq, 'tbl', v_tbl, 'id', v_id, 'version', v_counter));
  end loop;

  update sync_counter set value = v_counter where id = 1;
  update sync_replicas set last_seq = v_max, last_seen = now() where replica = p_replica;
  return jsonb_build_object('accepted', to_jsonb(v_accepted), 'rejected', to_jsonb(v_rejected), 'duplicates', to_jsonb(v_duplicates),
    'hi', v_counter, 'last_seq', v_max);
end
$$;

-- Pull: every row with p_cursor < version <= hi, in version order, at most p_limit rows, except
-- (when p_replica is given) the rows whose current version is that replica's own accepted write:
-- it has them already (see sync_rows.accepted_from). hi is the counter value in this call's
-- snapshot (the function is STABLE, so the counter and the rows are read from one snapshot);
-- `next` is the cursor to store once the page is applied.
drop function if exists pull_changes(bigint, int);
create or replace function pull_changes(p_cursor bigint, p_limit int default 1000, p_replica text default null) returns jsonb
language plpgsql stable set search_path = public as $$
declare
  v_hi bigint;
  v_rows jsonb;
  v_n int;
  v_last bigint;
  v_limit int := least(greatest(coalesce(p_limit, 1000), 1), 10000);
begin
  select value into v_hi from sync_counter where id = 1;
  select coalesce(jsonb_agg(jsonb_build_object('tbl', s.tbl, 'id', s.id, 'version', s.version, 'data', s.data) order by s.version), '[]'::jsonb),
         count(*), max(s.version)
    into v_rows, v_n, v_last
    from (select tbl, id, version, data from sync_rows
           where version > coalesce(p_cursor, 0) and version <= v_hi
             and (p_replica is null or accepted_from is distinct from p_replica)
           order by version limit v_limit) s;
  return jsonb_build_object('rows', v_rows, 'hi', v_hi,
    'next', case when v_n < v_limit then v_hi else v_last end, 'more', v_n >= v_limit);
end
$$;

-- Content-addressed media for the direct Postgres transport.
create or replace function put_blob(p_sha256 text, p_content_type text, p_base64 text) returns boolean
language plpgsql volatile set search_path = public as $$
begin
  insert into sync_blobs (sha256, content_type, bytes) values (p_sha256, p_content_type, decode(p_base64, 'base64'))
  on conflict (sha256) do nothing;
  return found;
end
$$;

create or replace function get_blob(p_sha256 text) returns text
language sql stable set search_path = public as $$
  select encode(bytes, 'base64') from sync_blobs where sha256 = p_sha256
$$;
