import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, ROOT, runCli, tempHome } from '../helpers/cli.js';
import { hasTmux, TmuxTerminal } from '../helpers/tmux.js';
import { confirmedInitArgs } from '../helpers/profile.js';

/**
 * The studio as the owner sees it, in French (`--lang fr`), in a real terminal: tmux runs the
 * BUILT CLI. The screens must be French throughout (no English label left) and fit the terminal;
 * AUTOSCALE_WRITE_SCREENS=1 writes them to docs/screens/ (`review-<size>-<screen>-fr.txt`).
 * review-tmux.test.ts drives every action in English; this one walks the same screens in French.
 */
const NOW = '2026-11-24T15:00:00Z';
const tmux = hasTmux();
const writeScreens = process.env.AUTOSCALE_WRITE_SCREENS === '1';

/** The temporary home is shown as `<home>` in the documentation. */
const save = (name: string, screen: string, home: string) => {
  if (!writeScreens) return;
  const dir = join(ROOT, 'docs', 'screens');
  mkdirSync(dir, { recursive: true });
  const masked = screen.replaceAll(home, '<home>');
  writeFileSync(join(dir, `${name}.txt`), `${masked.replace(/[ \t]+$/gm, '').trimEnd()}\n`);
};

/** Labels of the English studio that must not appear on a French screen (the posts are French). */
const ENGLISH = [
  /\bReview \d/,
  /\bpost [0-9a-f]{8}\b/,
  /\bapprove\b/,
  /\breject\b/,
  /\bquality\b/,
  /\bchars\b/,
  /\bin review\b/,
];

const checkFrench = (screen: string, columns: number) => {
  for (const pattern of ENGLISH) expect(screen, `English label ${pattern} on a French screen`).not.toMatch(pattern);
  for (const line of screen.split('\n')) expect([...line].length).toBeLessThanOrEqual(columns);
};

describe.skipIf(!tmux)('review studio in French in a real terminal (tmux)', () => {
  beforeAll(() => {
    expect(runCli(['--version'], { home: ROOT }).code).toBe(0);
  });

  for (const [columns, rows] of [
    [80, 24],
    [200, 50],
  ] as const) {
    it(`${columns}×${rows}: queue, second variant, help, approval panel, in French`, async () => {
      const home = tempHome('autoscale-tmux-fr-');
      const term = new TmuxTerminal(columns, rows);
      try {
        expect(runCli(['init', '--yes', '--now', NOW, ...confirmedInitArgs()], { home: home.dir }).code).toBe(0);
        const id = json(
          runCli(['generate', '--type', 'case_study', '--date', '2026-11-25', '--json', '--now', NOW], {
            home: home.dir,
          }),
        ).id as string;
        expect(
          runCli(['generate', '--type', 'tip', '--date', '2026-11-26', '--now', '2026-11-24T15:01:00Z'], {
            home: home.dir,
          }).code,
        ).toBe(0);
        const short = id.replace(/-/g, '').slice(-8);
        const size = `${columns}x${rows}`;

        term.start(['review', '--lang', 'fr', '--now', NOW], {
          HOME: home.dir,
          AUTOSCALE_HOME: home.dir,
          NO_COLOR: '1',
        });
        let screen = await term.waitFor(
          (s) => s.includes(`publication ${short}`) && s.includes('a approuver'),
          'the first post, in French',
        );
        expect(screen).toContain('Révision 1/2');
        expect(screen).toMatch(/Échap|Entrée|a approuver/);
        expect(screen).toContain('étude de cas');
        checkFrench(screen, columns);
        save(`review-${size}-queue-fr`, screen, home.dir);

        term.keys('2');
        screen = await term.waitFor(
          (s) => (columns >= 150 ? s.includes('▶ [2]') : /\[2 [^\]]+\]/.test(s)) && s.includes('a approuver'),
          'variant 2 selected',
        );
        checkFrench(screen, columns);
        save(`review-${size}-variant2-fr`, screen, home.dir);

        term.keys('?');
        screen = await term.waitFor((s) => s.includes('Éditeur (flèches'), 'the help screen');
        checkFrench(screen, columns);
        save(`review-${size}-help-fr`, screen, home.dir);
        if (rows < 30) {
          // Taller than 24 rows: it scrolls down to its closing line.
          expect(screen).toMatch(/↑\/↓ défiler · lignes 1 à \d+ sur \d+/);
          await term.press(...Array<string>(30).fill('Down'));
          screen = await term.waitFor((s) => s.includes('cette aide.'), 'the end of the help');
          checkFrench(screen, columns);
        }
        term.keys('Escape');
        await term.waitFor((s) => s.includes('a approuver'), 'back from help');

        term.keys('a');
        screen = await term.waitFor(
          (s) => s.includes('Publier le') && s.includes('America/Toronto'),
          'the proposed slot, in French',
        );
        expect(screen).toContain('tiré dans la fenêtre de publication');
        checkFrench(screen, columns);
        save(`review-${size}-approve-fr`, screen, home.dir);
        term.keys('Escape');
        await term.waitFor((s) => s.includes('a approuver'), 'back from the approval panel');
        term.keys('q');
        await term.waitFor((s) => s.includes('__EXIT__0'), 'a clean exit');
      } finally {
        term.kill();
        home.cleanup();
      }
    });
  }
});
