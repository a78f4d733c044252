import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, runCli, tempHome } from '../helpers/cli.js';

// Needs the built CLI (npm test builds first).
const home = tempHome('autoscale-content-');
afterAll(() => home.cleanup());

describe('content commands (built CLI, no keys)', () => {
  it('lint reads a file or stdin, reports spans, prints JSON, and exits 9 on errors', () => {
    const file = join(home.dir, 'post.txt');
    writeFileSync(file, 'Dans un monde en constante évolution, envoyez un email.\n\n#a #b #c #d');
    const human = runCli(['lint', file], { home: home.dir });
    expect(human.code).toBe(9);
    expect(human.stdout).toMatch(/1:1 +error +fr-era-opener/);
    expect(human.stdout).toMatch(/anglicism-email/);
    expect(human.stdout).toMatch(/cliché score \d+\/100/);
    const out = json(
      runCli(['lint', '-', '--style', 'question', '--json'], { home: home.dir, input: 'PLONGEONS dans le sujet.' }),
    );
    expect(out.passed).toBe(false);
    expect(out.findings[0]).toMatchObject({
      rule: 'fr-dive-in',
      start: 0,
      end: 14,
      line: 1,
      column: 1,
      excerpt: 'PLONGEONS dans',
    });
    expect(out.findings.map((f: { rule: string }) => f.rule)).toContain('question-ending');
    expect(runCli(['lint', '-', '--style', 'haiku'], { home: home.dir, input: 'x' }).code).toBe(2);
    // --text-lang picks the rules; the global --lang stays the interface language.
    const en = json(
      runCli(['lint', '-', '--text-lang', 'en', '--json'], {
        home: home.dir,
        input: 'Plongeons, let us delve into how the team answers calls after 5 p.m. at the clinic.',
      }),
    );
    expect(en.lang).toBe('en');
    expect(
      en.findings.filter((f: { severity: string }) => f.severity !== 'info').map((f: { rule: string }) => f.rule),
    ).toEqual(['en-dive-in']);
  });

  it('lint exits 0 on a clean text, and --max-warnings turns warnings into a failure', () => {
    const clean =
      'Mardi, 17 h 40 : à la clinique dentaire des Érables, à Laval, deux lignes sonnaient en même temps.\n\nEn octobre, 38 rendez-vous ont été pris après la fermeture.';
    const ok = runCli(['lint', '-', '--json'], { home: home.dir, input: clean });
    expect(ok.code).toBe(0);
    expect(json(ok)).toMatchObject({ passed: true, counts: { error: 0, warning: 0 } });
    const warned = 'Julie envoie un email mardi à 10 h avec les disponibilités du salon de la rue Cartier à Québec.';
    expect(runCli(['lint', '-'], { home: home.dir, input: warned }).code).toBe(0);
    const strict = runCli(['lint', '-', '--max-warnings', '0'], { home: home.dir, input: warned });
    expect(strict.code).toBe(9);
    expect(strict.stdout).toMatch(/more than 0\swarning/);
    expect(
      runCli(['lint', '-', '--max-warnings', '0', '--accept', 'email'], { home: home.dir, input: warned }).code,
    ).toBe(0);
    expect(runCli(['lint', '-', '--max-warnings', 'beaucoup'], { home: home.dir, input: warned }).code).toBe(2);
    expect(runCli(['lint', '-'], { home: home.dir, input: '   ' }).code).toBe(9);
  });

  it('generate stays offline without keys, scores with the deterministic rubric, and says so', () => {
    expect(runCli(['init', '--yes'], { home: home.dir }).code).toBe(0);
    const r = runCli(
      ['--now', '2026-11-30T15:00:00Z', 'generate', '--type', 'case_study', '--date', '2026-12-01', '--json'],
      {
        home: home.dir,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const out = json(r);
    expect(out.generation.offline).toBe(true);
    expect(out.generation.quality).toHaveLength(3);
    for (const v of out.variants) {
      expect(v.quality.judge.method).toBe('deterministic');
      expect(v.quality.judge.note).toMatch(/deterministic rubric only/);
      expect(v.quality.lint.findings).toEqual([]);
      expect(v.qualityScore).toBeGreaterThanOrEqual(75);
      expect(v.quality.passed).toBe(true);
    }
    const costs = json(runCli(['costs', '--week', '--json'], { home: home.dir }));
    expect(costs.total.calls).toBe(0);
    expect(runCli(['costs', '--week', '--month'], { home: home.dir }).code).toBe(2);
  });
});
