import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveHome } from '../../src/config/home.js';
import { openDatabase } from '../../src/store/database.js';
import { setVariantQuality, variantsForPost } from '../../src/store/variants-repo.js';
import { json, ROOT, runCli, tempHome } from '../helpers/cli.js';
import { hasTmux, TmuxTerminal } from '../helpers/tmux.js';
import { confirmedInitArgs } from '../helpers/profile.js';

/**
 * The studio in a real terminal: tmux runs the BUILT CLI, keys go in with send-keys, the
 * screen comes back with capture-pane, and the store is checked afterwards with `show --json`.
 * Set AUTOSCALE_WRITE_SCREENS=1 to refresh the text captures in docs/screens/.
 */
const NOW = '2026-11-24T15:00:00Z';
const tmux = hasTmux();
const writeScreens = process.env.AUTOSCALE_WRITE_SCREENS === '1';

const save = (name: string, screen: string) => {
  if (!writeScreens) return;
  const dir = join(ROOT, 'docs', 'screens');
  mkdirSync(dir, { recursive: true });
  // The temporary home is shown as `<home>` in the documentation.
  const masked = screen.replace(/\/\S*?autoscale-tmux-[A-Za-z0-9]+/g, '<home>');
  writeFileSync(join(dir, `${name}.txt`), `${masked.replace(/[ \t]+$/gm, '').trimEnd()}\n`);
};

const LINT_TEXT_QUALITY = (text: string) => {
  // The whole word: the template may say « la réceptionniste », and a marker must not split it.
  const found = /la réception\p{L}*/u.exec(text)!;
  const at = found.index;
  return {
    lint: {
      findings: [
        {
          ruleId: 'vague-claim',
          severity: 'warning',
          start: at,
          end: at + found[0].length,
          message: 'Qui, exactement ?',
          suggestion: 'la réceptionniste de la clinique',
        },
      ],
    },
    judge: { reasons: ['Chiffre concret dès la première ligne', 'Appel à l’action clair'] },
  };
};

describe.skipIf(!tmux)('review studio in a real terminal (tmux)', () => {
  beforeAll(() => {
    // The built CLI is what users run; `npm test` builds first.
    expect(runCli(['--version'], { home: ROOT }).code).toBe(0);
  });

  for (const [columns, rows, colour] of [
    [80, 24, false],
    [200, 50, true],
  ] as const) {
    describe(`${columns}×${rows}${colour ? '' : ' NO_COLOR'}`, () => {
      const home = tempHome('autoscale-tmux-');
      const term = new TmuxTerminal(columns, rows);
      let a = '';
      let b = '';
      afterAll(() => {
        term.kill();
        home.cleanup();
      });

      it('opens the queue, switches variants, edits inline, approves at a typed time, rejects another', async () => {
        expect(runCli(['init', '--yes', '--now', NOW, ...confirmedInitArgs()], { home: home.dir }).code).toBe(0);
        a = json(
          runCli(['generate', '--type', 'case_study', '--date', '2026-11-25', '--json', '--now', NOW], {
            home: home.dir,
          }),
        ).id;
        b = json(
          runCli(['generate', '--type', 'tip', '--date', '2026-11-26', '--json', '--now', '2026-11-24T15:01:00Z'], {
            home: home.dir,
          }),
        ).id;
        expect(a).toBeTruthy();
        expect(b).toBeTruthy();
        // What the quality linter will write: findings at exact offsets, and the judge's reasons.
        const opened = await openDatabase(resolveHome(home.dir, {}).database);
        const v1 = (await variantsForPost(opened.db, a))[0]!;
        await setVariantQuality(
          opened.db,
          { now: new Date().toISOString(), actor: 'test@e2e', replica: 'test' },
          v1.id,
          78,
          LINT_TEXT_QUALITY(v1.text),
        );
        await opened.close();
        const shortA = a.replace(/-/g, '').slice(-8);
        const shortB = b.replace(/-/g, '').slice(-8);
        const size = `${columns}x${rows}`;

        term.start(['review', '--now', NOW], {
          HOME: home.dir,
          AUTOSCALE_HOME: home.dir,
          ...(colour ? {} : { NO_COLOR: '1' }),
        });
        let screen = await term.waitFor(
          (s) => s.includes(`post ${shortA}`) && s.includes('a approve'),
          'the first post',
        );
        expect(screen).toContain('Review 1/2');
        // The span may wrap across two rows; both ends are marked.
        expect(screen).toContain('⟦la');
        expect(screen).toMatch(/réception\p{L}*⟧¹/u);
        expect(screen).not.toMatch(/⟧¹\p{L}/u);
        expect(screen).toContain('¹ vague-claim (warning): Qui, exactement ?');
        expect(screen).toContain('quality 78');
        for (const line of screen.split('\n')) expect([...line].length).toBeLessThanOrEqual(columns);
        save(`review-${size}-queue`, screen);

        term.keys('2');
        screen = await term.waitFor(
          (s) => (columns >= 150 ? s.includes('▶ [2] storytelling') : /\[2 storytelling( \d+)?\]/.test(s)),
          'variant 2 selected',
        );
        if (columns >= 150) {
          expect(screen).toContain('[1] professional');
          expect(screen).toContain('[3] question');
        }
        save(`review-${size}-variant2`, screen);

        term.keys('e');
        await term.waitFor((s) => s.includes('Editing variant 2'), 'the inline editor');
        term.text(' Ajout TUI.');
        screen = await term.waitFor((s) => s.includes('Ajout TUI.') && s.includes('Editing variant 2 *'), 'typed text');
        save(`review-${size}-editor`, screen);
        term.keys('C-s');
        await term.waitFor(
          (s) =>
            s.includes('Saved variant 2 as version 2.') &&
            /storytelling · \d+ chars · (quality \d+[^·]*|not scored) · v2/.test(s),
          'saved and reloaded',
        );

        term.keys('h');
        screen = await term.waitFor(
          (s) => s.includes('History of variant 2 (2 versions)') && s.includes('{+Ajout TUI.+}'),
          'the history with its diff',
        );
        expect(screen).toContain('▶ v2 edit');
        save(`review-${size}-history`, screen);
        term.keys('Escape');
        await term.waitFor((s) => s.includes('a approve'), 'back from history');
        term.keys('?');
        screen = await term.waitFor((s) => s.includes('Inline editor'), 'the help screen');
        save(`review-${size}-help`, screen);
        term.keys('Escape');
        await term.waitFor((s) => s.includes('a approve'), 'back from help');

        term.keys('a');
        screen = await term.waitFor(
          (s) => s.includes('Publish at Wed 2026-11-25') && s.includes('America/Toronto'),
          'the proposed slot',
        );
        expect(screen).toContain('drawn in the posting window');
        save(`review-${size}-approve`, screen);
        term.keys('t');
        await term.waitFor((s) => s.includes('Publication time for variant 2'), 'the time prompt');
        await term.press('C-e', ...Array<string>(20).fill('BSpace'));
        term.text('2026-12-01 14:30');
        screen = await term.waitFor((s) => s.includes('> 2026-12-01 14:30'), 'the typed time');
        save(`review-${size}-time`, screen);
        term.keys('Enter');
        screen = await term.waitFor(
          (s) => s.includes(`Approved ${shortA} with variant 2`) && s.includes(`post ${shortB}`),
          'approved, next post',
        );
        expect(screen).toContain('Review 1/1');

        term.keys('r');
        await term.waitFor((s) => s.includes(`Reject post ${shortB}: why?`), 'the reason prompt');
        term.text('Trop générique');
        screen = await term.waitFor((s) => s.includes('> Trop générique'), 'the typed reason');
        save(`review-${size}-reject`, screen);
        term.keys('Enter');
        screen = await term.waitFor((s) => s.includes('Nothing left to review.'), 'the empty queue');
        expect(screen).toMatch(/2\sposts decided/);
        save(`review-${size}-done`, screen);
        term.keys('q');
        await term.waitFor((s) => s.includes('__EXIT__0'), 'a clean exit');

        const shownA = json(runCli(['show', a, '--json'], { home: home.dir }));
        expect(shownA.state).toBe('approved');
        expect(shownA.scheduledAt).toBe('2026-12-01T19:30:00.000Z');
        const v2 = shownA.variants.find((v: { index: number }) => v.index === 2);
        expect(shownA.chosenVariantId).toBe(v2.id);
        expect(v2.version).toBe(2);
        expect(v2.text.endsWith('Ajout TUI.')).toBe(true);
        expect(shownA.history.map((h: { action: string }) => h.action)).toEqual(
          expect.arrayContaining(['edit', 'approve']),
        );
        const shownB = json(runCli(['show', b, '--json'], { home: home.dir }));
        expect(shownB.state).toBe('rejected');
        expect(shownB.history.find((h: { action: string }) => h.action === 'reject').reason).toBe('Trop générique');
      });
    });
  }

  it('redraws on resize: tabs at 100 columns become three panes at 160', async () => {
    const home = tempHome('autoscale-tmux-');
    const term = new TmuxTerminal(100, 30);
    try {
      expect(runCli(['init', '--yes', '--now', NOW, ...confirmedInitArgs()], { home: home.dir }).code).toBe(0);
      expect(runCli(['generate', '--type', 'faq', '--date', '2026-11-25', '--now', NOW], { home: home.dir }).code).toBe(
        0,
      );
      term.start(['review', '--now', NOW], { HOME: home.dir, AUTOSCALE_HOME: home.dir, NO_COLOR: '1' });
      await term.waitFor((s) => /\[1 professional( \d+)?\]/.test(s), 'tabs');
      term.resize(160, 40);
      await term.waitFor((s) => s.includes('▶ [1] professional') && s.includes('[3] question'), 'side by side');
      term.resize(80, 24);
      await term.waitFor((s) => /\[1 professional( \d+)?\]/.test(s) && !s.includes('▶ [1]'), 'tabs again');
      term.keys('q');
      await term.waitFor((s) => s.includes('__EXIT__0'), 'exit');
    } finally {
      term.kill();
      home.cleanup();
    }
  });
});

describe.skipIf(!tmux)('review studio hands the terminal to $EDITOR and takes it back (tmux)', () => {
  it('E saves what the editor wrote as a new version and redraws the studio', async () => {
    const home = tempHome('autoscale-tmux-');
    const term = new TmuxTerminal(80, 24);
    try {
      expect(runCli(['init', '--yes', '--now', NOW, ...confirmedInitArgs()], { home: home.dir }).code).toBe(0);
      const id = json(
        runCli(['generate', '--type', 'tip', '--date', '2026-11-25', '--json', '--now', NOW], { home: home.dir }),
      ).id;
      // A stand-in editor: appends a line to the file it is given, as a person would.
      const editor = `sh -c 'printf "Ligne ajoutée dans l’éditeur." >> "$0"'`;
      term.start(['review', '--now', NOW], { HOME: home.dir, AUTOSCALE_HOME: home.dir, NO_COLOR: '1', EDITOR: editor });
      await term.waitFor((s) => s.includes('[1] professional') && s.includes('a approve'), 'the studio');
      term.keys('E');
      await term.waitFor(
        (s) =>
          s.includes('Saved variant 1 as version 2.') &&
          /(quality \d+[^·]*|not scored) · v2/.test(s) &&
          s.includes('a approve'),
        'saved and redrawn',
      );
      // The added line is the last one: scroll to it.
      term.keys('Down');
      await term.waitFor((s) => s.includes('Ligne ajoutée dans l’éditeur.'), 'the added line');
      term.keys('q');
      await term.waitFor((s) => s.includes('__EXIT__0'), 'exit');
      const shown = json(runCli(['show', id, '--json'], { home: home.dir }));
      expect(shown.variants[0].version).toBe(2);
      expect(shown.variants[0].text.endsWith('Ligne ajoutée dans l’éditeur.')).toBe(true);
    } finally {
      term.kill();
      home.cleanup();
    }
  });
});

// Where tmux is missing the studio cannot be driven in a real terminal: say so on stderr instead
// of passing silently. .ci/run installs tmux, so CI always runs the tests above.
if (!tmux)
  process.stderr.write(
    'review-tmux: tmux is not installed, terminal tests not run (apt-get install -y tmux; CI installs it)\n',
  );
