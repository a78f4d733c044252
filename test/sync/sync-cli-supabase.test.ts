import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSupabaseFake, type SupabaseFake } from '../fakes/supabase-fake.js';
import { runCli, runCliCollect, tempHome } from '../helpers/cli.js';
import { pgliteHub, type Hub } from '../helpers/sync.js';

describe('autoscale sync with Supabase (built CLI, loopback fake)', () => {
  let hub: Hub;
  let fake: SupabaseFake;
  let env: Record<string, string>;
  const homes = [tempHome('autoscale-supa-a-'), tempHome('autoscale-supa-b-')];
  const [a, b] = homes.map((h) => h.dir) as [string, string];

  beforeAll(async () => {
    hub = await pgliteHub();
    fake = await startSupabaseFake(hub.pg);
    env = { SUPABASE_URL: fake.url, SUPABASE_SERVICE_KEY: fake.serviceKey };
    for (const home of [a, b]) expect(runCli(['init', '--yes'], { home }).code).toBe(0);
  });
  afterAll(async () => {
    await fake.close();
    await hub.close();
    for (const h of homes) h.cleanup();
  });

  it('pushes from one home, pulls into the other, and reports status', async () => {
    expect(runCli(['generate', '--type', 'case_study'], { home: a }).code).toBe(0);
    const pushed = await runCliCollect(['sync', '--json'], a, env);
    expect(pushed.code, pushed.stderr).toBe(0);
    const report = JSON.parse(pushed.stdout);
    expect(report).toMatchObject({ transport: 'supabase', ok: true, outbox: 0 });

    const pulled = await runCliCollect(['sync', '--json'], b, env);
    expect(JSON.parse(pulled.stdout).pull.applied).toBe(report.push.sent);

    const status = await runCliCollect(['sync', 'status', '--json'], b, env);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      transport: 'supabase',
      configured: true,
      outbox: { rows: 0 },
      lease: { source: 'hub', holder: null },
    });
    expect(status.stdout + status.stderr).not.toContain(fake.serviceKey);
  });

  it('says clearly when Supabase is unreachable, keeps the outbox, exits 7', async () => {
    expect(runCli(['generate', '--type', 'tip'], { home: a }).code).toBe(0);
    fake.inject('http503');
    const offline = await runCliCollect(['sync'], a, env);
    expect(offline.code).toBe(7);
    expect(offline.stderr).toContain('Hub: supabase');
    expect(offline.stderr).toMatch(/unreachable.*Nothing is lost/s);
    expect(offline.stdout).toMatch(/offline · outbox [1-9]/);
    const back = await runCliCollect(['sync', '--json'], a, env);
    expect(JSON.parse(back.stdout).outbox).toBe(0);
  });
});
