import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync, readFileSync, existsSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, runCli, tempHome } from '../helpers/cli.js';
import { confirmedInitArgs } from '../helpers/profile.js';

const NOW = '2026-11-24T15:00:00Z'; // Tuesday 10:00 in Toronto

describe('the built CLI, end to end', () => {
  const home = tempHome();
  const run = (...args: string[]) => runCli(['--now', NOW, ...args], { home: home.dir });
  afterAll(() => home.cleanup());

  let postId = '';
  let shortId = '';

  it('init --yes writes the AutoScale AI config with no terminal', () => {
    const r = run('init', '--yes', '--json', ...confirmedInitArgs());
    expect(r.code).toBe(0);
    expect(json(r)).toMatchObject({ brand: 'autoscale-ai' });
    const config = JSON.parse(readFileSync(join(home.dir, 'config.json'), 'utf8'));
    expect(config.brands['autoscale-ai'].profile.company).toBe('AutoScale AI');
    expect(JSON.stringify(config)).not.toMatch(/"(api_?key|access_?token|app_?secret|service_?key)"/i);
    const again = run('init', '--yes');
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/already exists.*--force/);
  });

  it('init without --yes and without a terminal explains itself', () => {
    const other = tempHome();
    const r = runCli(['init'], { home: other.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a terminal.*--yes/);
    expect(existsSync(join(other.dir, 'config.json'))).toBe(false);
    other.cleanup();
  });

  it('generate --json prints a post with three variants of distinct styles, offline', () => {
    const r = run('generate', '--type', 'case_study', '--json');
    expect(r.code).toBe(0);
    const post = json(r);
    expect(post.state).toBe('in_review');
    // An explicit --type keeps the standard style order; the decision records both as the user's.
    expect(post.variants.map((v: { style: string }) => v.style)).toEqual(['professional', 'storytelling', 'question']);
    const decision = json(run('insights', '--json')).decisions[0];
    expect(decision).toMatchObject({
      contentType: 'case_study',
      styleOrder: ['professional', 'storytelling', 'question'],
    });
    expect(decision.explanation.en).toContain(
      'Type case study: set by the user (--type). Style professional > storytelling > question: set by the user.',
    );
    expect(post.generation).toMatchObject({ provider: 'offline', offline: true });
    expect(r.stderr).toMatch(/offline text provider/);
    // --json keeps stdout clean JSON: no notes mixed in.
    expect(r.stdout.trim().startsWith('{')).toBe(true);
    postId = post.id;
    shortId = post.shortId;
  });

  it('list shows the post as a table and as JSON', () => {
    const table = run('list');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(shortId);
    expect(table.stdout).toContain('in review');
    const data = json(run('list', '--state', 'in_review', '--json'));
    expect(data.count).toBe(1);
    expect(data.posts[0]).toMatchObject({ id: postId, variants: 3, contentType: 'case_study' });
    expect(json(run('list', '--state', 'published', '--json')).count).toBe(0);
  });

  it('show gives variants, versions and history', () => {
    const r = run('show', shortId);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[3]');
    expect(r.stdout).toContain('sent for review');
    const detail = json(run('show', postId, '--json'));
    expect(detail.variants[0].versions).toHaveLength(1);
  });

  it('edit creates a new version from --text, --file and stdin', () => {
    expect(run('edit', shortId, '--variant', '2', '--text', 'Texte retouché à la main.').code).toBe(0);
    const file = join(home.dir, 'v2.txt');
    writeFileSync(file, 'Deuxième retouche, depuis un fichier.\n');
    expect(run('edit', shortId, '--variant', '2', '--file', file).code).toBe(0);
    const viaStdin = runCli(['--now', NOW, 'edit', shortId, '--variant', '2', '--file', '-'], {
      home: home.dir,
      input: 'Troisième, par stdin.',
    });
    expect(viaStdin.code).toBe(0);
    const detail = json(run('show', shortId, '--json'));
    expect(detail.variants[1].text).toBe('Troisième, par stdin.');
    expect(detail.variants[1].versions.map((v: { source: string }) => v.source)).toEqual([
      'generated',
      'edit',
      'edit',
      'edit',
    ]);
    const noEditor = run('edit', shortId, '--variant', '1');
    expect(noEditor.code).toBe(2);
    expect(noEditor.stderr).toMatch(/No editor available.*--text or --file/);
  });

  it('approve refuses a variant below the quality gate without --force, and audits the override', () => {
    // Variant 2 was edited down to a single short sentence: it cannot pass the gate.
    const refused = run('approve', shortId, '--variant', '2');
    expect(refused.code).toBe(9);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/does not pass the quality gate: too short.*--force/);
    expect(json(run('show', shortId, '--json')).state).toBe('in_review');
    const r = run('approve', shortId, '--variant', '2', '--force', '--note', 'texte court voulu', '--json');
    expect(r.code).toBe(0);
    const a = json(r);
    expect(a.state).toBe('approved');
    expect(a.gate).toMatchObject({ passed: false, overridden: true, flags: expect.arrayContaining(['too-short']) });
    const history = json(run('show', shortId, '--json')).history;
    expect(history.find((h: { action: string }) => h.action === 'gate_override')).toMatchObject({
      reason: 'texte court voulu',
    });
    expect(a.local.slice(11) >= '13:00' && a.local.slice(11) < '16:00').toBe(true);
    const status = json(run('status', '--json'));
    expect(status.counts).toEqual({ approved: 1 });
    expect(status.next[0].id).toBe(postId);
    expect(run('status').stdout).toMatch(/approved\s+1/);
  });

  it('reject needs a reason and records it', () => {
    const other = json(run('generate', '--type', 'tip', '--json'));
    const missing = run('reject', other.shortId);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/needs a reason/);
    expect(run('reject', other.shortId, '--reason', 'trop générique').code).toBe(0);
    const detail = json(run('show', other.id, '--json'));
    expect(detail.state).toBe('rejected');
    expect(detail.history.at(-1)).toMatchObject({ action: 'reject', reason: 'trop générique' });
    // list hides rejected posts by default, says how many, and shows them when asked.
    const listed = json(run('list', '--json'));
    expect(listed.posts.map((p: { id: string }) => p.id)).not.toContain(other.id);
    expect(listed.hidden).toEqual({ rejected: 1 });
    expect(run('list').stdout).toMatch(/1 rejected post hidden: autoscale list --state rejected/);
    expect(json(run('list', '--state', 'rejected', '--json')).posts[0].id).toBe(other.id);
  });

  it('accepts any unique prefix of the short id, as git does', () => {
    expect(json(run('show', shortId.slice(0, 5), '--json')).id).toBe(postId);
    expect(json(run('show', shortId.slice(0, 4).toUpperCase(), '--json')).id).toBe(postId);
    // The head of a time-ordered id is shared by every post made that day: ambiguous, not a guess.
    const ambiguous = run('show', postId.slice(0, 6));
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/matches \d posts.*more characters/);
  });

  it('without --type, the optimizer chooses and explains', () => {
    const r = run('generate', '--no-image', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Optimizer chose [\w ]+: No measured posts yet: B2B benchmark priors/);
    expect(json(r).variants).toHaveLength(3);
    expect(run('reject', json(r).shortId, '--reason', 'test du choix automatique').code).toBe(0);
  });

  it('speaks French with --lang fr', () => {
    const r = run('--lang', 'fr', 'show', 'ffffffffff');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^Erreur\s: Aucune publication.*Solution\s:/);
  });

  it('doctor passes on a healthy home', () => {
    const r = run('doctor', '--json');
    expect(r.code).toBe(0);
    expect(json(r).ok).toBe(true);
  });

  describe('bad input: one line, the fix, an exit code, no change', () => {
    const snapshot = () => JSON.stringify(json(run('list', '--all-brands', '--limit', '0', '--json')));
    let before = '';
    let other = '';
    beforeAll(() => {
      other = json(run('generate', '--type', 'faq', '--json')).shortId;
      before = snapshot();
    });
    afterAll(() => {
      expect(snapshot()).toBe(before);
    });

    const cases: [string, string[], number, RegExp][] = [
      [
        'unknown content type',
        ['generate', '--type', 'blog'],
        2,
        /--type "blog" is not a valid value.*Fix: Use one of: case_study/,
      ],
      [
        'bad date',
        ['generate', '--type', 'tip', '--date', '2026-02-30'],
        2,
        /--date "2026-02-30" is not a calendar date.*YYYY-MM-DD/,
      ],
      ['past date', ['generate', '--type', 'tip', '--date', '2020-01-01'], 2, /--date 2020-01-01 is in the past/],
      ['unknown id', ['show', 'abcdef12'], 4, /No post with id "abcdef12".*autoscale list/],
      ['wrong state', ['approve', 'SHORT'], 5, /is approved; it cannot become approved/],
      [
        'unknown variant',
        ['edit', 'SHORT', '--variant', '9', '--text', 'x'],
        2,
        /--variant "9" is not a whole number from 1 to 3.*Use 1, 2 or 3/,
      ],
      ['bad --at', ['approve', 'OTHER', '--at', 'tomorrow'], 2, /--at "tomorrow" is not a time/],
      [
        'unknown state filter',
        ['list', '--state', 'done'],
        2,
        /--state "done" is not a valid value.*Use one of: draft/,
      ],
      ['unknown option', ['list', '--colour'], 2, /Unknown option --colour.*autoscale --help/],
      ['unknown command', ['publsh'], 2, /Unknown command publsh \(did you mean publish\?\)/],
      ['bad --now', ['--now', 'yesterday', 'list'], 2, /--now "yesterday" is not an ISO-8601 instant/],
      ['bad config value', ['config', 'set', 'quality.threshold', '150'], 2, /quality.threshold = 150/],
      ['unknown brand', ['--brand', 'ghost', 'list'], 4, /Unknown brand "ghost"/],
    ];
    it.each(cases)('%s', (_name, args, code, pattern) => {
      const r = runCli(['--now', NOW, ...args.map((a) => (a === 'SHORT' ? shortId : a === 'OTHER' ? other : a))], {
        home: home.dir,
      });
      expect(r.code).toBe(code);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });

    it('--verbose adds the stack', () => {
      const r = run('--verbose', 'show', 'abcdef12');
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/\n\s+at /);
    });

    it('--json errors are JSON with the code and the fix', () => {
      const r = run('--json', 'show', 'abcdef12');
      expect(json(r).error).toMatchObject({ code: 'unknown_post', exitCode: 4 });
    });
  });
});

describe('broken homes', () => {
  it('refuses a corrupt or foreign database file and leaves it untouched', () => {
    const h = tempHome();
    expect(runCli(['init', '--yes'], { home: h.dir }).code).toBe(0);
    writeFileSync(join(h.dir, 'autoscale.db'), 'not a database, just text that is long enough');
    const r = runCli(['list'], { home: h.dir });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/not an autoscale database.*Fix: Move it aside/);
    expect(readFileSync(join(h.dir, 'autoscale.db'), 'utf8')).toBe('not a database, just text that is long enough');
    const foreign = tempHome();
    expect(runCli(['init', '--yes'], { home: foreign.dir }).code).toBe(0);
    copyFileSync(join(h.dir, 'autoscale.db'), join(foreign.dir, 'autoscale.db'));
    expect(runCli(['doctor'], { home: foreign.dir }).code).toBe(3);
    h.cleanup();
    foreign.cleanup();
  });

  it('explains an unreadable or invalid config', () => {
    const h = tempHome();
    writeFileSync(join(h.dir, 'config.json'), '{ "version": 1, ');
    const r = runCli(['list'], { home: h.dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/not valid JSON/);
    const d = tempHome();
    mkdirSync(join(d.dir, 'config.json'));
    const r2 = runCli(['list'], { home: d.dir });
    expect(r2.code).toBe(3);
    expect(r2.stderr).toMatch(/Cannot read the configuration/);
    h.cleanup();
    d.cleanup();
  });

  it('explains a home that cannot be a folder', () => {
    const h = tempHome();
    const file = join(h.dir, 'a-file');
    writeFileSync(file, 'x');
    expect(runCli(['init', '--yes'], { home: h.dir }).code).toBe(0);
    const r = runCli(['--home', join(file, 'sub'), 'init', '--yes'], { home: h.dir });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/not writable/);
    const r2 = runCli(['--home', file, 'init', '--yes'], { home: h.dir });
    expect(r2.code).toBe(6);
    expect(r2.stderr).toMatch(/is a file, not a folder/);
    h.cleanup();
  });

  it('works on a fresh home with the embedded defaults, and init may still replace them', () => {
    const h = tempHome();
    const r = runCli(['generate', '--type', 'case_study', '--json'], { home: h.dir });
    expect(r.code).toBe(0);
    expect(json(r).variants).toHaveLength(3);
    expect(r.stderr).toMatch(/No configuration yet: using the AutoScale AI defaults/);
    expect(r.stderr).toMatch(/offline text provider/);
    expect(runCli(['init', '--yes', '--company', 'Plomberie Roy'], { home: h.dir }).code).toBe(0);
    expect(runCli(['init', '--yes'], { home: h.dir }).code).toBe(3);
    h.cleanup();
  });
});

describe('brands and config', () => {
  it('keeps several brands in one home', () => {
    const h = tempHome();
    const run = (...a: string[]) => runCli(['--now', NOW, ...a], { home: h.dir });
    run('init', '--yes');
    // A new brand needs its own company and product: nothing AutoScale AI says is copied.
    const bare = run('brand', 'add', 'plomberie-roy', '--company', 'Plomberie Roy');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/needs its own --product/);
    expect(
      run(
        'brand',
        'add',
        'plomberie-roy',
        '--company',
        'Plomberie Roy',
        '--product',
        'Plomberie résidentielle à Laval, urgences 24/7',
        '--page-id',
        '12345',
      ).code,
    ).toBe(0);
    expect(run('brand', 'add', 'Bad Name').code).toBe(2);
    const roy = json(run('config', 'get', 'brands.plomberie-roy.profile', '--json')).value;
    expect(roy).toMatchObject({ company: 'Plomberie Roy', facts: [], caseStudies: [] });
    expect(roy.product).toBe('Plomberie résidentielle à Laval, urgences 24/7');
    expect(JSON.stringify(roy)).not.toMatch(/AutoScale|réceptionniste|autoscale\.ai|27 appels|DÉMO/i);
    const brands = json(run('brand', 'list', '--json')).brands;
    expect(brands.map((b: { slug: string }) => b.slug)).toEqual(['autoscale-ai', 'plomberie-roy']);
    expect(json(run('--brand', 'plomberie-roy', 'generate', '--type', 'tip', '--json')).brand).toBe('plomberie-roy');
    expect(json(run('list', '--json')).count).toBe(0);
    expect(json(run('--brand', 'plomberie-roy', 'list', '--json')).count).toBe(1);
    expect(run('brand', 'use', 'plomberie-roy').code).toBe(0);
    expect(json(run('list', '--json')).count).toBe(1);
    expect(json(run('config', 'get', 'brand.profile.company', '--json')).value).toBe('Plomberie Roy');
    expect(run('config', 'set', 'brand.posting.windowStart', '12:30').code).toBe(0);
    expect(json(run('config', 'get', 'brands.plomberie-roy.posting.windowStart', '--json')).value).toBe('12:30');
    expect(json(run('config', 'path', '--json')).config).toBe(join(h.dir, 'config.json'));
    h.cleanup();
  });
});
