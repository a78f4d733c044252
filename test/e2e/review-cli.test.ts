import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, runCli, tempHome } from '../helpers/cli.js';
import { confirmedInitArgs } from '../helpers/profile.js';

const NOW = '2026-11-24T15:00:00Z';

describe('autoscale review outside a terminal (built CLI)', () => {
  const home = tempHome();
  let first = '';
  let second = '';
  // The optimizer orders the variants (the one it expects to win is [1]).
  let firstStyles: string[] = [];
  beforeAll(() => {
    expect(runCli(['init', '--yes', '--now', NOW, ...confirmedInitArgs()], { home: home.dir }).code).toBe(0);
    const generated = json(
      runCli(['generate', '--type', 'case_study', '--date', '2026-11-25', '--no-image', '--json', '--now', NOW], {
        home: home.dir,
      }),
    );
    first = generated.id;
    firstStyles = generated.variants.map((v: { style: string }) => v.style);
    expect([...firstStyles].sort()).toEqual(['professional', 'question', 'storytelling']);
    second = json(
      runCli(
        ['generate', '--type', 'tip', '--date', '2026-11-26', '--no-image', '--json', '--now', '2026-11-24T15:01:00Z'],
        { home: home.dir },
      ),
    ).id;
  });
  afterAll(() => home.cleanup());

  it('exits with a clear message pointing to list and approve when not in a terminal', () => {
    const r = runCli(['review'], { home: home.dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('`autoscale review` needs an interactive terminal');
    expect(r.stderr).toContain('autoscale list --state in_review');
    expect(r.stderr).toContain('autoscale approve <id>');
    expect(r.stderr).toContain('autoscale review --print');
  });

  it('says the same in French', () => {
    const r = runCli(['review', '--lang', 'fr'], { home: home.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('demande un terminal interactif');
  });

  it('--print renders the oldest post once as text, every variant, for scripts', () => {
    const r = runCli(['review', '--print'], { home: home.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Review 1/2 · post ${first.replace(/-/g, '').slice(-8)} · case study`);
    expect(r.stdout).toContain(`[1] ${firstStyles[0]}`);
    expect(r.stdout).toContain(`[2] ${firstStyles[1]}`);
    expect(r.stdout).toContain(`[3] ${firstStyles[2]}`);
    expect(r.stdout).toContain('Image: none yet');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('--print <id> --json gives the post as `show --json` does, with its queue position', () => {
    const r = json(runCli(['review', second, '--print', '--json'], { home: home.dir }));
    expect(r.position).toBe(2);
    expect(r.queue).toBe(2);
    expect(r.post.id).toBe(second);
    expect(r.post.variants).toHaveLength(3);
  });

  it('refuses --json without --print, and an unknown id, with the usual errors', () => {
    expect(runCli(['review', '--json'], { home: home.dir }).code).toBe(2);
    const missing = runCli(['review', 'ffffffffff', '--print'], { home: home.dir });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('No post with id');
  });

  it('prints that nothing is left once the queue is empty', () => {
    expect(runCli(['reject', first, '--reason', 'non'], { home: home.dir }).code).toBe(0);
    expect(runCli(['approve', second, '--now', NOW], { home: home.dir }).code).toBe(0);
    const r = runCli(['review', '--print'], { home: home.dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('Nothing to review.');
  });
});

describe('autoscale edit (built CLI): the new version is linted and scored at once', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());

  it('prints the quality and each finding of the new version; --json carries them', () => {
    expect(runCli(['init', '--yes', '--now', NOW, ...confirmedInitArgs()], { home: home.dir }).code).toBe(0);
    const post = json(runCli(['generate', '--type', 'tip', '--no-image', '--json', '--now', NOW], { home: home.dir }));
    const text = 'Dans le paysage numérique actuel, la réceptionniste IA répond à vos appels.';
    const human = runCli(['edit', post.shortId, '--variant', '1', '--text', text, '--lang', 'en'], { home: home.dir });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/Saved variant 1 as version 2\./);
    expect(human.stdout).toMatch(/Quality \d+ \(threshold 75\): (passes|below the gate)/);
    expect(human.stdout).toMatch(/length-bounds/);
    expect(human.stdout).toMatch(/\d+\scharacters; the \w+ style wants [\d,]+–[\d,]+\./);
    const again = json(
      runCli(['edit', post.shortId, '--variant', '1', '--text', `${text} Écrivez-nous.`, '--json'], {
        home: home.dir,
      }),
    );
    expect(again.version).toBe(3);
    expect(again.quality).toMatchObject({ threshold: 75, score: expect.any(Number) });
    expect(again.quality.findings.map((f: { rule: string }) => f.rule)).toContain('length-bounds');
    expect(again.quality.findings.every((f: { message: string }) => f.message.length > 0)).toBe(true);
  });
});
