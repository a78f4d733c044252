import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, runCli, tempHome } from '../helpers/cli.js';
import { findPostgresBin, startPostgres, type PostgresServer } from '../helpers/postgres-server.js';

/**
 * End to end, direct transport: the built CLI in two homes against the machine's PostgreSQL.
 * Needs the PostgreSQL server binaries (Debian: apt-get install -y postgresql); CI installs them.
 */
const bin = findPostgresBin();
const reason = 'PostgreSQL server binaries not found (apt-get install -y postgresql, or set PG_BIN)';
if (!bin) console.warn(`skipping sync-postgres-e2e: ${reason}`);

describe.skipIf(!bin)('sync over a direct Postgres connection (two CLI homes, real PostgreSQL)', () => {
  let server: PostgresServer;
  let env: Record<string, string>;
  const homes = [tempHome('autoscale-sync-a-'), tempHome('autoscale-sync-b-')];
  const [a, b] = homes.map((h) => h.dir) as [string, string];

  beforeAll(async () => {
    server = await startPostgres(bin!);
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query('create database hub');
    await admin.end();
    env = { DATABASE_URL: server.url('hub') };
    for (const home of [a, b]) expect(runCli(['init', '--yes'], { home }).code).toBe(0);
  }, 120_000);

  afterAll(() => {
    server?.stop();
    for (const h of homes) h.cleanup();
  });

  it('applies the hub schema (twice: it is idempotent) and locks anon out', async () => {
    for (let i = 0; i < 2; i += 1) {
      const setup = runCli(['sync', 'setup', '--apply', '--json'], { home: a, env });
      expect(setup.code, setup.stderr).toBe(0);
      expect(json(setup).applied).toHaveLength(3);
      expect(json(setup).bucket.status).toBe('no_storage_schema');
    }
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    const rls = await client.query(
      `select relname, relrowsecurity from pg_class where relname in ('sync_rows','sync_counter','sync_unique_keys','sync_replicas','sync_blobs','publisher_lease') order by relname`,
    );
    expect(rls.rows.every((r) => r.relrowsecurity === true)).toBe(true);
    expect(rls.rows).toHaveLength(6);
    // A role without BYPASSRLS (like Supabase's anon) sees nothing even when granted the table.
    await client.query(`create role anon nologin`);
    await client.query(`grant select on sync_rows to anon`);
    await client.query(`insert into sync_rows (tbl, id, version, data) values ('posts', 'x', 999999, '{}')`);
    await client.query('begin; set local role anon');
    const seen = await client.query(`select count(*)::int as n from sync_rows`);
    await client.query('rollback');
    expect(seen.rows[0].n).toBe(0);
    await client.query(`delete from sync_rows where id = 'x'`);
    await client.end();
  });

  it('a post written in one home reaches the other, and a decision there flows back', () => {
    const generated = runCli(['generate', '--type', 'tip', '--json'], { home: a });
    expect(generated.code, generated.stderr).toBe(0);
    const postId = json(generated).id as string;

    const pushA = runCli(['sync', '--json'], { home: a, env });
    expect(pushA.code, pushA.stderr).toBe(0);
    expect(json(pushA).push.accepted).toBeGreaterThan(0);
    expect(json(pushA).outbox).toBe(0);

    const pullB = runCli(['sync', '--pull', '--json'], { home: b, env });
    expect(pullB.code, pullB.stderr).toBe(0);
    expect(json(pullB).pull.applied).toBeGreaterThan(0);
    const listB = json(runCli(['list', '--json'], { home: b }));
    expect(JSON.stringify(listB)).toContain(postId);

    const rejected = runCli(['reject', postId, '--reason', 'pas le bon ton', '--json'], { home: b });
    expect(rejected.code, rejected.stderr).toBe(0);
    expect(runCli(['sync', '--json'], { home: b, env }).code).toBe(0);
    expect(runCli(['sync', '--json'], { home: a, env }).code).toBe(0);
    const showA = json(runCli(['show', postId, '--json'], { home: a }));
    expect(showA.state ?? showA.post?.state).toBe('rejected');

    const status = runCli(['sync', 'status', '--json'], { home: a, env });
    expect(status.code, status.stderr).toBe(0);
    const s = json(status);
    expect(s).toMatchObject({ configured: true, transport: 'postgres', outbox: { rows: 0 } });
    expect(s.cursor).toBeGreaterThan(0);
    expect(s.lastSuccessAt).toBeTruthy();
    expect(s.lease).toMatchObject({ source: 'hub', holder: null });
  });

  it('keeps working offline and resumes without loss', () => {
    const offlineEnv = { DATABASE_URL: 'postgres://autoscale:pw@127.0.0.1:1/hub' };
    expect(runCli(['generate', '--type', 'faq', '--json'], { home: a }).code).toBe(0);
    const offline = runCli(['sync', '--json'], { home: a, env: offlineEnv });
    expect(offline.code).toBe(7);
    expect(json(offline)).toMatchObject({ offline: true });
    expect(json(offline).outbox).toBeGreaterThan(0);
    expect(offline.stderr).toMatch(/unreachable/);
    expect(offline.stdout + offline.stderr).not.toContain(':pw@'); // the password never shows
    const back = runCli(['sync', '--json'], { home: a, env });
    expect(back.code, back.stderr).toBe(0);
    expect(json(back).outbox).toBe(0);
    const pullB = runCli(['sync', '--json'], { home: b, env });
    expect(pullB.code).toBe(0);
    expect(json(pullB).pull.applied).toBeGreaterThan(0);
  });
});
