import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, ROOT, runCli, tempHome } from '../helpers/cli.js';
import { hasTmux, TmuxTerminal } from '../helpers/tmux.js';

/**
 * The studio's calendar screen in a real terminal (tmux, the built CLI): a planned entry is
 * carried to another posting day, an approved slot to another day and time inside the window,
 * a move is cancelled, and a variant's angle is kept as an idea. The store is checked with the
 * read-only commands afterwards. AUTOSCALE_WRITE_SCREENS=1 refreshes docs/screens/.
 */
const MONDAY = '2026-11-23T14:00:00Z';
const tmux = hasTmux();

describe.skipIf(!tmux)('calendar screen in the review studio (tmux)', () => {
  const home = tempHome('autoscale-caltmux-');
  const term = new TmuxTerminal(80, 24);
  const cli = (args: string[]) => {
    const r = runCli([...args, '--now', MONDAY], { home: home.dir, env: { LANG: 'fr_CA.UTF-8' } });
    expect(r.code, r.stderr).toBe(0);
    return r;
  };
  let approved = '';

  beforeAll(() => {
    cli(['init', '--yes']);
    cli(['plan', '--weeks', '4']);
    approved = json(cli(['generate', '--type', 'tip', '--date', '2026-11-24', '--json'])).id;
    cli(['approve', approved, '--variant', '1', '--at', '2026-11-24 14:00']);
    cli(['generate', '--type', 'faq', '--date', '2026-11-25']);
  });
  afterAll(() => {
    term.kill();
    home.cleanup();
  });

  it('moves a planned entry and an approved slot with the keyboard, and keeps an angle as an idea', async () => {
    term.start(['review', '--now', MONDAY], { AUTOSCALE_HOME: home.dir, NO_COLOR: '1', LANG: 'fr_CA.UTF-8' });
    await term.waitFor((s) => s.includes('Révision 1/1'), 'the review queue');
    await term.press('c');
    const screen = await term.waitFor((s) => s.includes('Calendrier éditorial'), 'the calendar');
    expect(screen).toContain('◇ 27\u00a0nov. Vendredi fou');
    expect(screen).toContain('● conseil'); // the approved tip on Tuesday
    expect(screen.split('\n').every((line) => [...line].length <= 80)).toBe(true);
    if (process.env.AUTOSCALE_WRITE_SCREENS === '1') {
      mkdirSync(join(ROOT, 'docs', 'screens'), { recursive: true });
      writeFileSync(
        join(ROOT, 'docs', 'screens', 'calendar-80x24-fr.txt'),
        // The temporary home is shown as `<home>`.
        `${screen
          .replace(/\/\S*?autoscale-caltmux-[A-Za-z0-9]+/g, '<home>')
          .replace(/[ \t]+$/gm, '')
          .trimEnd()}\n`,
      );
    }

    // Thursday Nov 26 carries the Black Friday moment: down one week, to Thursday Dec 3.
    await term.press('Right', 'Right', 'Right');
    await term.waitFor((s) => s.includes('26\u00a0nov. · Facebook · prévu'), 'the cursor on Thursday');
    await term.press('Enter', 'Down');
    await term.waitFor((s) => s.includes('Entrée la pose ici'), 'a move in progress');
    await term.press('Enter');
    await term.waitFor((s) => s.includes('Déplacée au 2026-12-03'), 'the entry moved');

    // A move put back with Esc changes nothing.
    await term.press('Up', 'Left', 'Left', 'Enter', 'Right', 'Escape');
    await term.waitFor(
      (s) => s.includes('24\u00a0nov. · Facebook · approuvé') && !s.includes('Entrée la pose ici'),
      'the move cancelled',
    );

    // The approved tip: Tuesday 14:00 → Wednesday 14:30.
    await term.press('Enter', 'Right', '+', '+');
    await term.waitFor((s) => s.includes('→ 14:30'), 'the slot carried to 14:30');
    await term.press('Enter');
    await term.waitFor((s) => s.includes('Créneau déplacé au 2026-11-25 14:30'), 'the slot moved');

    // Back to the review: keep the FAQ variant's angle as an idea.
    await term.press('c');
    await term.waitFor((s) => s.includes('Révision 1/1') && !s.includes('Calendrier éditorial'), 'the review again');
    await term.press('I');
    await term.waitFor((s) => /Idée [0-9a-f]{8}/.test(s), 'the idea saved');
    await term.press('q');

    const calendar = json(cli(['calendar', '--weeks', '2', '--json']));
    const cell = (date: string) => calendar.days.find((d: { date: string }) => d.date === date).cells[0];
    expect(cell('2026-12-03')).toMatchObject({
      state: 'planned',
      title: 'Vendredi fou',
      fixed: true,
      source: 'moment',
    });
    expect(cell('2026-11-26')).toMatchObject({ state: 'planned', fixed: true });
    const post = json(cli(['show', approved, '--json']));
    expect(post).toMatchObject({ state: 'approved', scheduledAt: '2026-11-25T19:30:00.000Z' });
    const ideas = json(cli(['ideas', 'list', '--json'])).ideas;
    expect(ideas).toHaveLength(1);
    expect(ideas[0]).toMatchObject({ origin: 'studio', contentType: 'faq', status: 'open' });
  });
});
