import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, ROOT, runCli, tempHome } from '../helpers/cli.js';

// Golden screens of the table commands at 80 and 120 columns, in French and in English: no line
// wider than the terminal, and the text compared with test/i18n/golden/ (ids and paths masked).
// `npx vitest run test/i18n/fit-width.test.ts -u` rewrites the goldens after a deliberate
// change; UPDATE_SCREENS=1 also refreshes the French captures in docs/screens/ (committed).

const NOW = ['--now', '2026-11-24T15:00:00Z'];
const HISTORY = `content_type,text,style,published_at,fb_post_id,unique_viewers_24h,reactions_24h,comments_24h,shares_24h,unique_viewers_7d,reactions_7d,comments_7d,shares_7d
case_study,"Un client de Laval a récupéré 30 % de ses appels manqués en un mois grâce à une réceptionniste qui répond à toute heure.
Et vous, combien d'appels perdez-vous chaque semaine?",storytelling,2026-11-17T14:05:00-05:00,111_1,1400,30,6,4,1600,45,9,6
tip,"Trois conseils pour ne plus rater d'appels pendant la période des fêtes.",professional,2026-11-18T13:30:00-05:00,111_2,300,3,0,0,,,,
faq,"Est-ce que l'IA parle québécois? Oui, et elle comprend les accents de partout en région.",question,2026-11-19T15:10:00-05:00,111_3,,,,,,,,
`;

const home = tempHome('autoscale-width-');
const run = (args: string[], env: Record<string, string> = {}) =>
  runCli([...NOW, ...args], { home: home.dir, env: { LANG: 'C.UTF-8', ...env } });

beforeAll(() => {
  expect(run(['init', '--yes']).code).toBe(0);
  // An owner who confirmed the shipped client stories as real (the sample guard has its own tests).
  const stories = json<{ value: unknown[] }>(run(['config', 'get', 'brand.profile.caseStudies', '--json'])).value;
  for (const i of stories.keys())
    expect(run(['config', 'set', `brand.profile.caseStudies.${i}.sample`, 'false']).code).toBe(0);
  const file = join(home.dir, 'history.csv');
  writeFileSync(file, HISTORY);
  expect(run(['import', file]).code).toBe(0);
  for (const type of ['case_study', 'testimonial'])
    expect(run(['generate', '--type', type, '--no-image']).code).toBe(0);
  const posts = json<{ posts: { shortId: string; state: string }[] }>(run(['list', '--json'])).posts;
  const review = posts.find((p) => p.state === 'in_review')!;
  expect(run(['approve', review.shortId, '--variant', '2', '--at', '2026-11-26T13:35']).code).toBe(0);
}, 120_000);

afterAll(() => home.cleanup());

/** Ids and the temporary home change from run to run; the layout does not (an id keeps its width). */
const mask = (text: string) =>
  text
    .replaceAll(home.dir, '<home>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uuid>')
    .replace(/\b[0-9a-f]{8}\b/g, '3f9a1c2e');

const COMMANDS: { name: string; args: string[] }[] = [
  { name: 'list', args: ['list'] },
  { name: 'status', args: ['status'] },
  { name: 'schedule', args: ['schedule'] },
  { name: 'costs', args: ['costs'] },
  { name: 'report', args: ['report', '--week'] },
];

describe.each([80, 120])('at %i columns', (width) => {
  for (const lang of ['fr', 'en'] as const)
    for (const c of COMMANDS)
      it(`${c.name} (${lang}) fits and matches its golden screen`, async () => {
        const r = run(['--lang', lang, ...c.args], { COLUMNS: String(width) });
        expect(r.code, r.stderr).toBe(0);
        const too = r.stdout.split('\n').filter((line) => stringWidth(line) > width);
        expect(too, `${c.name} at ${width}:\n${r.stdout}`).toEqual([]);
        const screen = mask(r.stdout);
        await expect(screen).toMatchFileSnapshot(join('golden', `${c.name}-${lang}-${width}.txt`));
        if (process.env.UPDATE_SCREENS === '1' && lang === 'fr') {
          const dir = join(ROOT, 'docs', 'screens');
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, `cli-${c.name}-fr-${width}.txt`), screen);
        }
      });
});

describe('the French help', () => {
  it('fits 80 columns (and is captured in docs/screens)', () => {
    const r = run(['--lang', 'fr', '--help'], { COLUMNS: '80' });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((line) => stringWidth(line) > 80)).toEqual([]);
    if (process.env.UPDATE_SCREENS === '1')
      writeFileSync(join(ROOT, 'docs', 'screens', 'cli-help-fr-80.txt'), r.stdout);
  });
});

describe('doctor and insights in French at 80 columns', () => {
  for (const name of ['doctor', 'insights'])
    it(`${name} fits 80 columns (and is captured in docs/screens)`, () => {
      const r = run(['--lang', 'fr', name], { COLUMNS: '80' });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\n').filter((line) => stringWidth(line) > 80)).toEqual([]);
      if (process.env.UPDATE_SCREENS === '1')
        writeFileSync(join(ROOT, 'docs', 'screens', `cli-${name}-fr-80.txt`), mask(r.stdout));
    });
});

describe('full values when asked', () => {
  it('--wide and piped output without COLUMNS keep every value whole', () => {
    const narrow = run(['--lang', 'fr', 'list'], { COLUMNS: '80' }).stdout;
    const wide = run(['--lang', 'fr', '--wide', 'list'], { COLUMNS: '80' }).stdout;
    const piped = run(['--lang', 'fr', 'list']).stdout;
    expect(narrow).toContain('…');
    expect(wide).not.toContain('…');
    expect(piped).toBe(wide);
    expect(Math.max(...wide.split('\n').map((l) => stringWidth(l)))).toBeGreaterThan(80);
  });
});
