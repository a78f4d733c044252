import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, ROOT, runCli, runCliCollect, tempHome } from '../helpers/cli.js';

// Runs the built CLI (npm test builds first; alone: npx tsc -p tsconfig.build.json).
const NOW = ['--now', '2026-11-24T15:00:00Z'];
const HISTORY = `content_type,text,style,published_at,fb_post_id,unique_viewers_24h,reactions_24h,comments_24h,shares_24h,unique_viewers_7d,reactions_7d,comments_7d,shares_7d
case_study,"Un client de Laval a récupéré 30 % d'appels manqués.
Et vous, combien d'appels perdez-vous?",storytelling,2026-11-17T14:05:00-05:00,111_1,400,10,2,1,600,15,3,2
tip,"Trois conseils pour ne plus rater d'appels.",professional,2026-11-18T13:30:00-05:00,111_2,300,3,0,0,,,,
faq,"Est-ce que l'IA parle québécois? Oui.",question,2026-11-19T15:10:00-05:00,111_3,,,,,,,,
`;

let home: ReturnType<typeof tempHome>;
beforeAll(() => {
  home = tempHome();
  expect(runCli(['init', '--yes'], { home: home.dir }).code).toBe(0);
});
afterAll(() => home.cleanup());

describe('import', () => {
  it('rejects a file with bad rows, naming the lines, and writes nothing', () => {
    const file = join(home.dir, 'bad.csv');
    writeFileSync(
      file,
      `content_type,text,style,published_at,unique_viewers_24h
case_study,"ok, fine",storytelling,2026-11-17T14:05:00-05:00,400
nonsense,"bad type",,,
tip,,professional,,
tip,"metrics without a date",,,12
tip,"bad number",,2026-11-18T13:30:00-05:00,-4
`,
    );
    const r = runCli(['import', file], { home: home.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/4\sproblems in/);
    expect(r.stderr).toMatch(/line 3, content_type: expected one of case_study/);
    expect(r.stderr).toMatch(/line 4, text: /);
    expect(r.stderr).toMatch(/line 5, published_at: required when metrics are given/);
    expect(r.stderr).toMatch(/line 6, unique_viewers_24h: expected a number ≥ 0/);
    expect(r.stderr).not.toMatch(/line 2,/);
    expect(json(runCli(['list', '--json'], { home: home.dir })).count).toBe(0);
  });

  it('rejects bad JSON rows with their line numbers', () => {
    const file = join(home.dir, 'bad.json');
    writeFileSync(file, '[\n  {"content_type": "tip", "text": "ok"},\n  {"content_type": "tip",\n   "text": ""}\n]\n');
    const r = runCli(['import', file], { home: home.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 3, text: must not be empty/);
  });

  it('imports history (published, measured) and drafts (in_review)', () => {
    const file = join(home.dir, 'history.csv');
    writeFileSync(file, HISTORY);
    const r = json(runCli(['import', file, '--json'], { home: home.dir }));
    expect(r).toMatchObject({ imported: 3, history: 3, inReview: 0, snapshots: 3 });
    const drafts = join(home.dir, 'drafts.json');
    writeFileSync(drafts, JSON.stringify([{ content_type: 'tip', text: 'Idée à réviser', target_date: '2026-12-01' }]));
    const draft = json(runCli(['import', drafts, '--json'], { home: home.dir }));
    expect(draft).toMatchObject({ imported: 1, inReview: 1 });
    // The imported draft is scored like a generated one: lint and rubric on its own text.
    const shown = json(runCli(['show', draft.postIds[0], '--json'], { home: home.dir }));
    expect(shown.variants[0].qualityScore).toEqual(expect.any(Number));
    expect(shown.variants[0].quality.lint.findings.map((f: { rule: string }) => f.rule)).toContain('length-bounds');
    const states = json<{ posts: { state: string }[] }>(runCli(['list', '--json'], { home: home.dir }))
      .posts.map((p) => p.state)
      .sort();
    expect(states).toEqual(['in_review', 'measured', 'measured', 'published']);
    // Importing the same Facebook posts again changes nothing and says what it skipped.
    const again = runCli(['import', file], { home: home.dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Imported 0 posts');
    expect(again.stdout).toContain('Skipped 3 posts already in the store');
    expect(json(runCli(['list', '--json'], { home: home.dir })).count).toBe(4);
    // The same post twice in one file is still a problem of the file.
    const twice = join(home.dir, 'twice.csv');
    writeFileSync(
      twice,
      `${HISTORY}tip,"encore",professional,2026-11-20T13:30:00-05:00,111_9\ntip,"encore",,2026-11-20T13:30:00-05:00,111_9\n`,
    );
    const dup = runCli(['import', twice], { home: home.dir });
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/line 7, fb_post_id: appears twice in the file \(111_9\)/);
  });
});

describe('report', () => {
  it('--json gives the data; numbers match the imported metrics', () => {
    const data = json(runCli([...NOW, 'report', '--week', '--json'], { home: home.dir }));
    const er = data.kpis.find((k: { key: string }) => k.key === 'engagement_rate');
    expect(er.value).toBeCloseTo(23 / 900, 12);
    expect(data.period).toMatchObject({ from: '2026-11-16', to: '2026-11-22' });
  });

  it('table degrades to ASCII under a non-UTF-8 locale and has no colour with NO_COLOR', () => {
    const r = runCli([...NOW, 'report', '--week'], { home: home.dir, env: { LANG: 'C', NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^[\x00-\x7f]*$/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    // LANG=C names no language: the fr-CA brand's French; the no-break space becomes a space.
    expect(r.stdout).toContain('2,56 %');
    const utf = runCli([...NOW, 'report', '--week'], { home: home.dir, env: { LANG: 'fr_CA.UTF-8' } });
    expect(utf.stdout).toContain('─');
  });

  it('--out writes each format; the format follows the extension', () => {
    for (const ext of ['html', 'md', 'csv', 'json']) {
      const file = join(home.dir, `r.${ext}`);
      const r = runCli([...NOW, 'report', '--week', '--out', file], { home: home.dir });
      expect(r.code, r.stderr).toBe(0);
      expect(existsSync(file)).toBe(true);
    }
    expect(readFileSync(join(home.dir, 'r.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(readFileSync(join(home.dir, 'r.csv'), 'utf8')).toMatch(/^section,key,metric,value,note/);
    const bad = runCli(['report', '--format', 'pdf'], { home: home.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('table, md, json, csv, html');
  });

  it('never takes the write lock: report and status answer while another process holds it', async () => {
    // Held longer than the busy timeout (10 s): a command that needed the lock would fail.
    const holder = spawn(
      process.execPath,
      [join(ROOT, 'test', 'fixtures', 'hold-write-lock.mjs'), join(home.dir, 'autoscale.db'), '25000'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      const report = await runCliCollect([...NOW, 'report', '--week', '--json'], home.dir);
      expect(report.code, report.stderr).toBe(0);
      expect(JSON.parse(report.stdout).kpis.length).toBeGreaterThan(0);
      const status = await runCliCollect([...NOW, 'status', '--json'], home.dir);
      expect(status.code, status.stderr).toBe(0);
      expect(holder.exitCode).toBeNull(); // still holding the lock
    } finally {
      holder.kill();
    }
  });

  it('an empty period says no data', () => {
    const r = runCli([...NOW, 'report', '--from', '2026-11-02', '--to', '2026-11-08', '--format', 'md'], {
      home: home.dir,
    });
    expect(r.stdout).toContain('| Engagement rate | no data |');
  });
});

describe('export and insights', () => {
  it('exports CSV that imports back into another home', () => {
    const out = join(home.dir, 'export.csv');
    expect(runCli(['export', '--format', 'csv', '--out', out], { home: home.dir }).code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^id,content_type,topic,state,target_date,style,headline,text/);
    const other = tempHome();
    try {
      expect(runCli(['init', '--yes'], { home: other.dir }).code).toBe(0);
      expect(json(runCli(['import', out, '--json'], { home: other.dir }))).toMatchObject({
        imported: 4,
        history: 3,
        inReview: 1,
      });
      const a = json(runCli([...NOW, 'report', '--json'], { home: home.dir }));
      const b = json(runCli([...NOW, 'report', '--json'], { home: other.dir }));
      expect(b.kpis.map((k: { value: unknown }) => k.value).slice(0, 3)).toEqual(
        a.kpis.map((k: { value: unknown }) => k.value).slice(0, 3),
      );
    } finally {
      other.cleanup();
    }
  });

  it('exports JSON with variants, publications and snapshots nested', () => {
    const data = json(
      runCli(['export', '--format', 'json', '--from', '2026-11-17', '--to', '2026-11-17'], { home: home.dir }),
    );
    expect(data.posts).toHaveLength(1);
    expect(data.posts[0]).toMatchObject({ content_type: 'case_study', unique_viewers_7d: 600, fb_post_id: '111_1' });
    expect(data.posts[0].metricSnapshots).toHaveLength(2);
    expect(data.posts[0].variants).toHaveLength(1);
    expect(data.posts[0].publications).toHaveLength(1);
  });

  it('insights shows beliefs with uncertainty, and the guidance list', () => {
    const r = runCli([...NOW, 'insights'], { home: home.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('What the optimizer believes (2 measured posts)');
    expect(r.stdout).toContain('90 % interval');
    // Said in the owner's words: no sampling jargon, no prompt hashes.
    expect(r.stdout).toMatch(/How it chooses: each option starts from the B2B benchmark/);
    expect(r.stdout).not.toMatch(/Thompson|Gaussian|posterior|#[0-9a-f]{6}\b/i);
    const data = json(runCli([...NOW, 'insights', '--json'], { home: home.dir }));
    expect(data.spaces.type[0]).toHaveProperty('probabilityBest');
    const g = runCli([...NOW, 'insights', 'guidance'], { home: home.dir });
    expect(g.code).toBe(0);
    expect(g.stdout).toContain('Prompt guidance');
    const bad = runCli(['insights', 'guidance', '--pin', 'zzzz'], { home: home.dir });
    expect(bad.code).toBe(4);
  });
});

describe('CSV safety', () => {
  it('defuses formula-looking text on export and restores it on import', () => {
    const h = tempHome();
    try {
      expect(runCli(['init', '--yes'], { home: h.dir }).code).toBe(0);
      const src = join(h.dir, 'f.json');
      writeFileSync(src, JSON.stringify([{ content_type: 'tip', text: '=HYPERLINK("http://x")' }]));
      expect(runCli(['import', src], { home: h.dir }).code).toBe(0);
      const out = join(h.dir, 'e.csv');
      expect(runCli(['export', '--out', out], { home: h.dir }).code).toBe(0);
      const csv = readFileSync(out, 'utf8');
      expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
      const other = tempHome();
      try {
        runCli(['init', '--yes'], { home: other.dir });
        expect(runCli(['import', out], { home: other.dir }).code).toBe(0);
        const data = json(runCli(['export', '--format', 'json'], { home: other.dir }));
        expect(data.posts[0].text).toBe('=HYPERLINK("http://x")');
      } finally {
        other.cleanup();
      }
    } finally {
      h.cleanup();
    }
  });
});
