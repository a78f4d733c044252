import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, runCli, tempHome } from '../helpers/cli.js';

// Needs the built CLI (npm test builds first).
const home = tempHome('autoscale-content-');
afterAll(() => home.cleanup());

describe('content commands (built CLI, no keys)', () => {
  it('lint reads a file or stdin, reports spans, and prints JSON', () => {
    const file = join(home.dir, 'post.txt');
    writeFileSync(file, 'Dans un monde en constante évolution, envoyez un email.\n\n#a #b #c #d');
    const human = runCli(['lint', file], { home: home.dir });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/1:1 +error +fr-cliche-monde-evolution/);
    expect(human.stdout).toMatch(/fr-anglicism-email/);
    const out = json(
      runCli(['lint', '-', '--style', 'question', '--json'], { home: home.dir, input: 'Plongeons dans le sujet.' }),
    );
    expect(out.findings[0]).toMatchObject({
      rule: 'fr-cliche-plongeons',
      start: 0,
      end: 9,
      line: 1,
      column: 1,
      excerpt: 'Plongeons',
    });
    expect(out.findings.map((f: { rule: string }) => f.rule)).toContain('question-ending');
    expect(runCli(['lint', '-', '--style', 'haiku'], { home: home.dir, input: 'x' }).code).toBe(2);
    // --text-lang picks the rules; the global --lang stays the interface language.
    const en = json(
      runCli(['lint', '-', '--text-lang', 'en', '--json'], {
        home: home.dir,
        input: 'Plongeons, let us delve into it.',
      }),
    );
    expect(en.lang).toBe('en');
    expect(en.findings.map((f: { rule: string }) => f.rule)).toEqual(['en-cliche-delve']);
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
