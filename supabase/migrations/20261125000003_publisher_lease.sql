-- autoscale sync hub: the publisher lease. Only the replica holding it publishes, verifies and
-- pulls metrics. Expiry uses the hub's clock, so replicas with skewed clocks still agree.

create or replace function sync_lease_json(p_holder text) returns jsonb
language sql stable set search_path = public as $$
  select coalesce(
    (select jsonb_build_object('held', l.holder = p_holder and l.expires_at > now(), 'holder', l.holder,
       'holder_label', l.holder_label, 'acquired_at', l.acquired_at, 'expires_at', l.expires_at,
       'expired', l.expires_at <= now(), 'server_now', now())
       from publisher_lease l where l.name = 'publisher'),
    jsonb_build_object('held', false, 'holder', null, 'holder_label', null, 'acquired_at', null,
      'expires_at', null, 'expired', true, 'server_now', now()))
$$;

-- Takes the lease when it is free or expired, renews it when p_holder already holds it.
-- Returns the lease as it stands afterwards (`held` says whether p_holder has it).
create or replace function acquire_publisher_lease(p_holder text, p_ttl_seconds int default 300, p_label text default null)
returns jsonb language plpgsql volatile set search_path = public as $$
begin
  if p_holder is null or length(p_holder) = 0 then
    raise exception 'acquire_publisher_lease: holder required' using errcode = '22023';
  end if;
  insert into publisher_lease as l (name, holder, holder_label, acquired_at, renewed_at, expires_at)
  values ('publisher', p_holder, p_label, now(), now(), now() + make_interval(secs => greatest(p_ttl_seconds, 5)))
  on conflict (name) do update set
    acquired_at = case when l.holder = excluded.holder then l.acquired_at else now() end,
    holder = excluded.holder,
    holder_label = coalesce(excluded.holder_label, l.holder_label),
    renewed_at = now(),
    expires_at = excluded.expires_at
  where l.holder = excluded.holder or l.expires_at <= now();
  return sync_lease_json(p_holder);
end
$$;

-- Extends the lease only for its current holder (even if it just expired and nobody took it).
create or replace function renew_publisher_lease(p_holder text, p_ttl_seconds int default 300)
returns jsonb language plpgsql volatile set search_path = public as $$
begin
  update publisher_lease set renewed_at = now(), expires_at = now() + make_interval(secs => greatest(p_ttl_seconds, 5))
   where name = 'publisher' and holder = p_holder;
  return sync_lease_json(p_holder);
end
$$;

create or replace function release_publisher_lease(p_holder text)
returns jsonb language plpgsql volatile set search_path = public as $$
begin
  delete from publisher_lease where name = 'publisher' and holder = p_holder;
  return sync_lease_json(p_holder);
end
$$;

create or replace function publisher_lease_status(p_holder text default null)
returns jsonb language sql stable set search_path = public as $$
  select sync_lease_json(p_holder)
$$;

-- Functions run with the caller's rights (RLS applies); only the service role may call them.
do $$
declare
  f text;
  r text;
begin
  foreach f in array array[
    'sync_post_rank(text)', 'sync_iso_now()', 'sync_frozen_reason(text, jsonb, jsonb, text)',
    'apply_mutations(text, jsonb)', 'pull_changes(bigint, int, text)', 'put_blob(text, text, text)', 'get_blob(text)',
    'sync_lease_json(text)', 'acquire_publisher_lease(text, int, text)', 'renew_publisher_lease(text, int)',
    'release_publisher_lease(text)', 'publisher_lease_status(text)'] loop
    execute format('revoke all on function %s from public', f);
    foreach r in array array['anon', 'authenticated'] loop
      if exists (select 1 from pg_roles where rolname = r) then
        execute format('revoke all on function %s from %I', f, r);
      end if;
    end loop;
    if exists (select 1 from pg_roles where rolname = 'service_role') then
      execute format('grant execute on function %s to service_role', f);
    end if;
  end loop;
end
$$;
