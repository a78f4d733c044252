import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSupabaseFake, type SupabaseFake } from '../fakes/supabase-fake.js';
import { json, runCli, runCliCollect, tempHome } from '../helpers/cli.js';
import { pgliteHub, type Hub } from '../helpers/sync.js';

/**
 * Two replicas (laptop and server) edit the same variant while apart. Both wrote version 2 of
 * it; the hub can keep only one version 2. The other text must not end up only in the audit
 * log: after syncing, both texts are versions of the variant on both replicas, and the owner
 * is told on each machine.
 */
describe('sync keeps both sides of a conflicting edit (two replicas, built CLI, PGlite hub)', () => {
  let hub: Hub;
  let fake: SupabaseFake;
  let env: Record<string, string>;
  const homes = [tempHome('autoscale-conflict-a-'), tempHome('autoscale-conflict-b-')];
  const [a, b] = homes.map((h) => h.dir) as [string, string];
  const TEXT_A =
    'Version du portable : une clinique de Laval a réduit ses appels manqués de 30 % en un mois. Écrivez-nous pour voir comment.';
  const TEXT_B =
    'Version du serveur : à Québec, un garage répond maintenant à chaque appel, même le samedi. Écrivez-nous pour en parler.';

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

  const versionsOf = (home: string, id: string) => {
    const shown = json(runCli(['show', id, '--json'], { home }));
    const variant = shown.variants.find((v: { index: number }) => v.index === 1);
    return {
      current: variant.text as string,
      texts: (variant.versions as { text: string; source: string; version: number }[]).map((v) => v.text),
      versions: variant.versions as { text: string; source: string; version: number }[],
    };
  };

  it('after sync, both texts exist as versions on both replicas, and both owners are told', async () => {
    const generated = runCli(['generate', '--type', 'tip', '--json'], { home: a });
    expect(generated.code, generated.stderr).toBe(0);
    const id = json(generated).shortId as string;
    expect((await runCliCollect(['sync'], a, env)).code).toBe(0);
    expect((await runCliCollect(['sync'], b, env)).code).toBe(0);
    expect(versionsOf(b, id).versions).toHaveLength(1);

    // Offline on both sides: the same variant edited differently.
    expect(runCli(['edit', id, '--variant', '1', '--text', TEXT_A], { home: a }).code).toBe(0);
    expect(runCli(['edit', id, '--variant', '1', '--text', TEXT_B], { home: b }).code).toBe(0);

    const first = await runCliCollect(['sync'], a, env);
    expect(first.code, first.stderr).toBe(0);
    const second = await runCliCollect(['sync', '--json'], b, env);
    expect(second.code, second.stderr).toBe(0);
    // B lost the race for version 2: told, with the version that holds its text.
    expect(second.stderr).toMatch(/edited on two machines at once; both texts are kept/);
    const report = JSON.parse(second.stdout);
    expect(report.push.conflicts).toHaveLength(1);
    expect(report.outbox).toBe(0);
    const third = await runCliCollect(['sync'], a, env);
    expect(third.code, third.stderr).toBe(0);
    // A learns at its next sync that another text was kept beside its own.
    expect(third.stderr).toMatch(new RegExp(`Post ${id}, variant 1: edited on two machines at once`));

    for (const home of [a, b]) {
      const v = versionsOf(home, id);
      expect(v.texts).toContain(TEXT_A);
      expect(v.texts).toContain(TEXT_B);
      // The first text to reach the hub stays current; the other is a later, restorable version.
      expect(v.current).toBe(TEXT_A);
      const kept = v.versions.find((x) => x.text === TEXT_B)!;
      expect(kept.source).toBe('conflict');
      expect(kept.version).toBe(3);
    }
    // Same history on both replicas.
    expect(versionsOf(a, id).versions.map((x) => [x.version, x.text])).toEqual(
      versionsOf(b, id).versions.map((x) => [x.version, x.text]),
    );

    // The studio says so too, until the owner picks one; restoring makes B's text current.
    const printed = runCli(['review', id, '--print'], { home: a });
    expect(printed.stdout).toMatch(/Also edited on another machine: v3/);
    expect(runCli(['edit', id, '--variant', '1', '--restore', '3'], { home: a }).code).toBe(0);
    expect(versionsOf(a, id).current).toBe(TEXT_B);
    expect(runCli(['review', id, '--print'], { home: a }).stdout).not.toMatch(/Also edited on another machine/);
  }, 120_000);
});
