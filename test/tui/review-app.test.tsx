import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { ReviewApp } from '../../src/tui/ReviewApp.js';
import type { ReviewActions } from '../../src/tui/actions.js';
import { StateError } from '../../src/errors/errors.js';
import { l } from '../../src/i18n/localized.js';
import { deferred, driver, fakeActions, KEYS, post, variant } from './fixtures.js';

const NARROW = { columns: 80, rows: 24 };
const WIDE = { columns: 200, rows: 50 };

const mount = (actions: ReviewActions, size = NARROW, extra: { startId?: string; colour?: boolean } = {}) => {
  const app = render(
    <ReviewApp actions={actions} lang="en" colour={extra.colour ?? false} size={size} startId={extra.startId} />,
  );
  return { app, ...driver(app) };
};

afterEach(() => cleanup());

describe('review studio: queue and variants', () => {
  it('opens the queue oldest first on the first post, with tabs and the help bar at 80×24', async () => {
    const { actions } = fakeActions([post('post-a-00000001'), post('post-b-00000002')]);
    const { until } = mount(actions);
    const f = await until((x) => x.includes('Review 1/2') && x.includes('post 00000001'), 'the first post');
    expect(f).toContain('[1 professional 71]');
    expect(f).toContain('[1] professional');
    expect(f).toContain('quality 71');
    expect(f).toMatch(/e edit .*g regenerate/);
    expect(f).toContain('a approve');
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('switches variants with 1/2/3 and ←/→ (wrapping around)', async () => {
    const { actions } = fakeActions([post('post-a-00000001')]);
    const { until, press } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'variant 1');
    await press('2');
    await until((x) => x.includes('[2] storytelling') && x.includes('[2 storytelling 72]'), 'variant 2');
    await press(KEYS.right);
    await until((x) => x.includes('[3] question'), 'variant 3');
    await press(KEYS.right);
    await until((x) => x.includes('[1] professional'), 'wrap to 1');
    await press(KEYS.left);
    await until((x) => x.includes('[3] question'), 'wrap back to 3');
    await press('1');
    await until((x) => x.includes('[1] professional'), 'variant 1 again');
  });

  it('shows the three variants side by side from 150 columns, the selected one marked', async () => {
    const { actions } = fakeActions([post('post-a-00000001')]);
    const { until, press } = mount(actions, WIDE);
    const f = await until((x) => x.includes('[3] question'), 'three panes');
    expect(f).toContain('▶ [1] professional');
    expect(f).toContain('[2] storytelling');
    expect(f).not.toContain('[1 professional 71]');
    await press('3');
    await until((x) => x.includes('▶ [3] question'), 'pane 3 selected');
  });

  it('redraws for a new size: tabs below 150 columns, side by side above', async () => {
    const { actions } = fakeActions([post('post-a-00000001')]);
    const m = mount(actions, NARROW);
    await m.until((x) => x.includes('[1 professional 71]'), 'tabs');
    m.app.rerender(<ReviewApp actions={actions} lang="en" colour={false} size={WIDE} />);
    await m.until((x) => x.includes('▶ [1] professional') && x.includes('[3] question'), 'side by side');
  });

  it('shows the judge reasons and the lint findings inline with markers that need no colour', async () => {
    const text = 'Dans le paysage numérique actuel, tout change.';
    const v1 = variant(1, 'professional', {
      text,
      score: 64,
      reasons: ['Accroche générique', 'Pas de chiffre'],
      findings: [
        {
          ruleId: 'cliche',
          severity: 'error',
          start: 8,
          end: 32,
          message: 'AI cliché',
          suggestion: 'Dites ce qui change pour le client',
        },
      ],
    });
    const { actions } = fakeActions([
      post('post-a-00000001', { variants: [v1, variant(2, 'storytelling'), variant(3, 'question')] }),
    ]);
    const { until } = mount(actions);
    const f = await until((x) => x.includes('⟦'), 'lint marker');
    expect(f).toContain('Dans le ⟦paysage numérique actuel⟧¹, tout change.');
    expect(f).toContain('¹ cliche (error): AI cliché → Dites ce qui change pour le client');
    expect(f).toContain('» Accroche générique · Pas de chiffre');
    expect(f).toContain('quality 64');
    expect(f).toContain('⚑1');
  });

  it('keeps the markers with colour on, and colours the span', async () => {
    const v1 = variant(1, 'professional', {
      text: 'Un texte avec un cliché.',
      findings: [{ ruleId: 'cliche', severity: 'warning', start: 17, end: 23, message: 'm' }],
    });
    const { actions } = fakeActions([post('post-a-00000001', { variants: [v1] })]);
    const { until } = mount(actions, NARROW, { colour: true });
    const f = await until((x) => x.includes('⟦'), 'marker');
    expect(f).toContain('⟦');
    expect(f).toContain('cliché');
  });

  it('skips to the next post and back around with s', async () => {
    const { actions, calls } = fakeActions([post('post-a-00000001'), post('post-b-00000002')]);
    const { until, press } = mount(actions);
    await until((x) => x.includes('post 00000001'), 'first');
    await press('s');
    await until((x) => x.includes('Review 2/2') && x.includes('post 00000002'), 'second');
    await press('s');
    await until((x) => x.includes('Review 1/2') && x.includes('post 00000001'), 'first again');
    expect(calls.filter((c) => c.name !== 'proposeSlot')).toEqual([]);
  });

  it('gives a one-variant post the whole width side by side, and copes with a post without variants', async () => {
    const { actions } = fakeActions([
      post('post-a-00000001', { variants: [variant(1, 'professional')] }),
      post('post-b-00000002', { variants: [] }),
    ]);
    const { until, press, frame } = mount(actions, WIDE);
    await until((x) => x.includes('▶ [1] professional'), 'one pane');
    const border = frame().split('\n')[1]!;
    expect([...border.trim()].length).toBeGreaterThan(150);
    await press('3');
    await until((x) => x.includes('▶ [1] professional'), 'still variant 1');
    await press('s');
    await until((x) => x.includes('Post 00000002 has no variants'), 'no variants');
    await press('s');
    await until((x) => x.includes('post 00000001'), 'skipped back');
  });

  it('says when the queue is empty', async () => {
    const { actions } = fakeActions([]);
    const { until } = mount(actions);
    await until((x) => x.includes('Nothing left to review.'), 'empty queue');
  });

  it('opens a given post first', async () => {
    const { actions } = fakeActions([post('post-a-00000001'), post('post-b-00000002')]);
    const { until } = mount(actions, NARROW, { startId: 'post-b-00000002' });
    await until((x) => x.includes('Review 1/2') && x.includes('post 00000002'), 'the given post');
  });
});

describe('review studio: actions', () => {
  it('edits inline: typing, a new line, backspace, Ctrl+S saves through the edit action', async () => {
    const { actions, calls } = fakeActions([post('post-a-00000001')]);
    const { until, press } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'ready');
    await press('2', 'e');
    await until((x) => x.includes('Editing variant 2'), 'editor');
    await press(' Fin.', KEYS.enter, 'Ligne', KEYS.backspace, KEYS.ctrlS);
    await until((x) => x.includes('Saved variant 2 as version 2.'), 'saved');
    const edit = calls.find((c) => c.name === 'edit')!;
    expect(edit.args[0]).toBe('post-a-00000001');
    expect(edit.args[1]).toBe(2);
    expect(String(edit.args[2]).endsWith('Écrivez-nous « DÉMO » en message privé. Fin.\nLign')).toBe(true);
  });

  it('moves the cursor in the editor (arrows, up/down across rows) and inserts where it is', async () => {
    const v1 = variant(1, 'professional', { text: 'abc\ndef' });
    const { actions, calls } = fakeActions([post('post-a-00000001', { variants: [v1] })]);
    const { until, press } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'ready');
    await press('e', KEYS.up, 'X', KEYS.down, KEYS.left, 'Y', KEYS.ctrlS);
    await until((x) => x.includes('Saved variant 1'), 'saved');
    expect(calls.find((c) => c.name === 'edit')!.args[2]).toBe('abcX\ndeYf');
  });

  it('cancels an edit with Esc without saving', async () => {
    const { actions, calls } = fakeActions([post('post-a-00000001')]);
    const { until, press } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'ready');
    await press('e', 'zzz', KEYS.escape);
    await until((x) => x.includes('Edit cancelled'), 'cancelled');
    expect(calls.some((c) => c.name === 'edit')).toBe(false);
  });

  it('keeps the editor and the typed text when saving fails, and shows why', async () => {
    const { actions } = fakeActions([post('post-a-00000001')], {
      edit: async () => {
        throw new StateError(l('Post 00000001 is published; its text can no longer change.', 'x'), {
          fix: l('Generate a new post.', 'y'),
        });
      },
    });
    const { until, press } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'ready');
    await press('e', ' ajout', KEYS.ctrlS);
    const f = await until((x) => x.includes('✖ Post 00000001 is published'), 'error');
    expect(f.replace(/\s+/g, ' ')).toContain('Generate a new post.');
    expect(f).toContain('Editing variant 1 *');
    expect(f).toContain('ajout');
  });

  it('regenerates with a one-line instruction and shows progress while it runs', async () => {
    let finish: () => void = () => undefined;
    const { actions, calls } = fakeActions([post('post-a-00000001')], {
      regenerate: (postId, v, instruction, progress) => {
        calls.push({ name: 'regenerate', args: [postId, v, instruction] });
        progress('offline');
        return new Promise((resolve) => {
          finish = () => resolve({ versionNo: 2, changed: true });
        });
      },
    });
    const { until, press } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'ready');
    await press('3', 'g');
    await until((x) => x.includes('Regenerate variant 3: what should change?'), 'prompt');
    await press('plus court', KEYS.enter);
    const busy = await until((x) => x.includes('Regenerating variant 3'), 'progress');
    expect(busy).toContain('offline');
    // The screen stays responsive meanwhile.
    await press('1');
    await until((x) => x.includes('[1] professional'), 'switch while busy');
    finish();
    await until((x) => x.includes('Variant 3 regenerated as version 2'), 'done');
    expect(calls.find((c) => c.name === 'regenerate')!.args).toEqual(['post-a-00000001', 3, 'plus court']);
  });

  it('approves at the proposed slot (same seed), after moving it, or at a typed time', async () => {
    const { actions, calls } = fakeActions([post('post-a-00000001'), post('post-b-00000002'), post('post-c-00000003')]);
    const { until, press } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'ready');
    await press('2', 'a');
    const f = await until((x) => x.includes('Publish at 2026-11-25 14:07 (America/Toronto)'), 'proposal');
    expect(f).toContain('19:07 UTC');
    expect(f).toContain('mode native');
    expect(f).toContain('drawn in the posting window');
    await press(KEYS.enter);
    await until(
      (x) => x.includes('Approved 00000001 with variant 2') && x.includes('Review 1/2'),
      'approved, next post',
    );
    expect(calls.find((c) => c.name === 'approve')!.args).toEqual(['post-a-00000001', 2, { seed: 'seed-1' }]);

    await until((x) => x.includes('post 00000002'), 'second post');
    await press('a');
    await until((x) => x.includes('Publish at'), 'proposal 2');
    await press(KEYS.right, KEYS.right, KEYS.down);
    await until((x) => x.includes('moved +1 d 30 min'), 'moved');
    await press(KEYS.enter);
    await until((x) => x.includes('Approved 00000002'), 'approved 2');
    expect(calls.filter((c) => c.name === 'approve')[1]!.args).toEqual([
      'post-b-00000002',
      1,
      { at: '2026-11-26T19:37:00.000Z' },
    ]);

    await until((x) => x.includes('post 00000003'), 'third post');
    await press('a');
    await until((x) => x.includes('Publish at'), 'proposal 3');
    await press('t');
    await until((x) => x.includes('Publication time for variant 1'), 'time prompt');
    await press(...Array<string>(20).fill(KEYS.backspace), '2026-12-01 14:30', KEYS.enter);
    await until((x) => x.includes('Nothing left to review.') && /3\sposts decided/.test(x), 'queue done');
    expect(calls.filter((c) => c.name === 'approve')[2]!.args).toEqual([
      'post-c-00000003',
      1,
      { at: '2026-12-01 14:30' },
    ]);
  });

  it('shows an approval failure in the screen and keeps the post', async () => {
    const { actions } = fakeActions([post('post-a-00000001')], {
      approve: async () => {
        throw new StateError(l('Post 00000001 was changed by another process meanwhile.', 'x'));
      },
    });
    const { until, press } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'ready');
    await press('a');
    await until((x) => x.includes('Publish at'), 'proposal');
    await press(KEYS.enter);
    const f = await until((x) => x.includes('✖ Post 00000001 was changed'), 'error');
    expect(f).toContain('Review 1/1');
  });

  it('rejects with a reason and moves to the next post', async () => {
    const { actions, calls } = fakeActions([post('post-a-00000001'), post('post-b-00000002')]);
    const { until, press } = mount(actions);
    await until((x) => x.includes('post 00000001'), 'ready');
    await press('r');
    await until((x) => x.includes('Reject post 00000001: why?'), 'reason prompt');
    await press('Trop générique', KEYS.enter);
    await until(
      (x) => x.includes('Rejected 00000001: Trop générique') && x.includes('post 00000002') && x.includes('Review 1/1'),
      'next post',
    );
    expect(calls.find((c) => c.name === 'reject')!.args).toEqual(['post-a-00000001', 'Trop générique']);
  });

  it('shows the version history with a word diff and restores a version', async () => {
    const v1 = variant(1, 'professional', {
      text: 'Texte plus court.',
      versionNo: 2,
      versions: [
        {
          versionNo: 1,
          text: 'Texte très long au départ.',
          headline: 'T',
          source: 'generated',
          note: null,
          author: 'a@h',
          createdAt: '2026-11-24T15:00:00.000Z',
        },
        {
          versionNo: 2,
          text: 'Texte plus court.',
          headline: 'T',
          source: 'regenerate',
          note: 'plus court',
          author: 'a@h',
          createdAt: '2026-11-24T15:05:00.000Z',
        },
      ],
    });
    const { actions, calls } = fakeActions([post('post-a-00000001', { variants: [v1] })]);
    const { until, press } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'ready');
    await press('h');
    const f = await until(
      (x) => x.includes('History of variant 1 (2 versions)') && x.includes('Changes v1 → v2'),
      'history with its diff',
    );
    expect(f).toContain('▶ v2 regenerate');
    // Dated in the post's zone (15:05 UTC is 10:05 in Toronto), not in UTC.
    expect(f).toMatch(/2026-11-24 10:05\sa\.m\./);
    expect(f).toContain('plus court (current)');
    expect(f).toContain('Changes v1 → v2');
    expect(f).toContain('Texte [-très long au départ-]{+plus court+}.');
    await press(KEYS.up);
    await until((x) => x.includes('▶ v1 generated'), 'v1 selected');
    await press(KEYS.enter);
    await until((x) => x.includes('Restored v1 as version 3.'), 'restored');
    expect(calls.find((c) => c.name === 'restore')!.args).toEqual(['post-a-00000001', 1, 1]);
  });

  it('lists every key in ? and hides image keys unless the image service is wired in', async () => {
    const { actions } = fakeActions([post('post-a-00000001')]);
    const m = mount(actions, WIDE);
    await m.until((x) => x.includes('[1] professional'), 'ready');
    expect(m.frame()).not.toContain('i remake image');
    await m.press('?');
    const f = await m.until(
      (x) => x.includes('E      edit in $EDITOR') === false && x.includes('Inline editor'),
      'help',
    );
    for (const k of [
      '1      variant 1',
      'e      edit',
      'g      regenerate',
      'h      history',
      'a      approve',
      'r      reject',
      's      skip',
      'q      quit',
      'Ctrl+S save',
      't      type a time',
    ]) {
      expect(f).toContain(k);
    }
    expect(f).not.toContain('remake image');
    await m.press(KEYS.escape);
    await m.until((x) => x.includes('[1] professional'), 'back');
  });

  it('offers i and v when image actions are injected, with progress while remaking', async () => {
    const remade: string[] = [];
    const remaking = deferred();
    const { actions } = fakeActions(
      [
        post('post-a-00000001', {
          image: { path: '/m/a.png', width: 1200, height: 630, format: 'png', provider: 'offline' },
        }),
      ],
      {
        remakeImage: async (postId, progress) => {
          progress('rendering');
          await remaking.promise;
          remade.push(postId);
        },
        previewImage: async () => ['██ preview ██'],
        externalEditor: async (text) => `${text} (externe)`,
      },
    );
    const { until, press, frame } = mount(actions);
    await until((x) => x.includes('i remake image') && x.includes('[1] professional'), 'image key in the bar');
    expect(frame()).toContain('Image: /m/a.png (1200×630 png, offline)');
    await press('i');
    await until((x) => x.includes('Making the image · rendering'), 'progress');
    remaking.resolve();
    await until((x) => x.includes('New image ready.'), 'done');
    expect(remade).toEqual(['post-a-00000001']);
    await press('v');
    await until((x) => x.includes('██ preview ██'), 'preview');
    await press(KEYS.escape);
    await until((x) => x.includes('[1] professional'), 'back');
  });

  it('edits in $EDITOR through the injected editor and saves the result', async () => {
    const { actions, calls } = fakeActions([post('post-a-00000001')], {
      externalEditor: async (text) => `${text} (externe)`,
    });
    const { until, press } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'ready');
    await press('E');
    await until((x) => x.includes('Saved variant 1 as version 2.'), 'saved');
    expect(String(calls.find((c) => c.name === 'edit')!.args[2]).endsWith('(externe)')).toBe(true);
  });
});

describe('review studio: keys that arrive together', () => {
  // One `stdin.write` is one read: what a terminal delivers when someone types faster than the
  // screen redraws, over SSH, or with `tmux send-keys`.
  it('runs several command keys of one read as several commands, in order', async () => {
    const { actions } = fakeActions([post('post-a-00000001')]);
    const { app, until } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'ready');
    app.stdin.write('3a');
    await until((x) => x.includes('Approve variant 3?') && x.includes('Publish at'), 'approve panel for variant 3');
  });

  it('types the rest of a read into the text field its first key opened (a paste is text)', async () => {
    const { actions, calls } = fakeActions([post('post-a-00000001'), post('post-b-00000002')]);
    const { app, until, press } = mount(actions);
    await until((x) => x.includes('post 00000001'), 'ready');
    // Neither q (quit) nor s (skip): the reason typed in the field that r opened.
    app.stdin.write('rqs ?');
    await until((x) => x.includes('> qs ?'), 'the reason typed');
    await press(KEYS.enter);
    await until((x) => x.includes('Rejected 00000001: qs ?'), 'rejected');
    expect(calls.find((c) => c.name === 'reject')!.args).toEqual(['post-a-00000001', 'qs ?']);
  });

  it('sends the keys that follow a mode change in the same read to the new mode', async () => {
    const v1 = variant(1, 'professional', { text: 'abc' });
    const { actions, calls } = fakeActions([post('post-a-00000001', { variants: [v1, variant(2, 'storytelling')] })]);
    const { app, until, press } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'ready');
    // Ink splits this read into `e`, ←, `X`: the arrow must move the editor's cursor, not
    // switch to the previous variant, even though the editor has not subscribed yet.
    app.stdin.write(`e${KEYS.left}X`);
    await press(KEYS.ctrlS);
    await until((x) => x.includes('Saved variant 1'), 'saved');
    expect(calls.find((c) => c.name === 'edit')!.args).toEqual(['post-a-00000001', 1, 'abXc']);
  });

  it('deletes as many characters as there are DEL bytes in one read (held-down Backspace)', async () => {
    const v1 = variant(1, 'professional', { text: 'abcdef' });
    const { actions, calls } = fakeActions([post('post-a-00000001', { variants: [v1] })]);
    const { app, until, press } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'ready');
    await press('e');
    app.stdin.write('\u007f\u007f\u007f');
    await press(KEYS.ctrlS);
    await until((x) => x.includes('Saved variant 1'), 'saved');
    expect(calls.find((c) => c.name === 'edit')!.args[2]).toBe('abc');
  });

  it('keeps the order of keys typed while a mode opens: none lost, none sent to the old mode', async () => {
    const { actions, calls } = fakeActions([post('post-a-00000001')]);
    const { until, press } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'ready');
    // Separate reads, written before any of them is drawn.
    await press('2', 'g', 'p', 'l', 'u', 's', KEYS.enter);
    await until((x) => x.includes('Variant 2 regenerated as version 2'), 'regenerated');
    expect(calls.find((c) => c.name === 'regenerate')!.args).toEqual(['post-a-00000001', 2, 'plus']);
  });
});

describe('review studio: slot placement and honest notices (issue 14)', () => {
  const placed = (at: Date) => {
    const local = new Date(at.getTime() - 5 * 3_600_000).toISOString().slice(11, 16);
    return {
      at: at.toISOString(),
      local: `2026-11-25 ${local}`,
      timeZone: 'America/Toronto',
      mode: 'native' as const,
      weekday: 'wed' as const,
      inWindow: local >= '13:00' && local < '16:00',
      postingDay: true,
      window: '13:00–16:00',
    };
  };

  it('shows the weekday, warns when a moved slot leaves the window, and pre-fills `t` with the moved time', async () => {
    const { actions } = fakeActions([post('post-a-00000001')], {
      proposeSlot: async (_id, seed) => ({ ...placed(new Date('2026-11-25T20:41:00.000Z')), seed }),
      describeSlot: (_post, at) => placed(at),
    });
    const { until, press } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'ready');
    await press('a');
    const f = await until((x) => x.includes('Publish at Wed 2026-11-25 15:41'), 'weekday shown');
    expect(f).not.toContain('outside the posting window');
    await press(KEYS.right, KEYS.right, KEYS.right);
    const moved = await until((x) => x.includes('2026-11-25 16:26'), 'moved +45 min');
    expect(moved).toContain('⚠ outside the posting window (13:00–16:00)');
    await press('t');
    const prompt = await until((x) => x.includes('Publication time for variant 1'), 'time prompt');
    expect(prompt).toContain('2026-11-25 16:26');
    expect(prompt).not.toContain('2026-11-25 15:41');
  });

  it('a regeneration that returns the same text does not claim a new version', async () => {
    const { actions } = fakeActions([post('post-a-00000001')], {
      regenerate: async () => ({ versionNo: 1, changed: false }),
    });
    const { until, press } = mount(actions);
    await until((x) => x.includes('[1] professional'), 'ready');
    await press('g', 'plus court', KEYS.enter);
    const f = await until((x) => x.includes('returned the same text'), 'no new version');
    expect(f).toContain('stays at version 1');
    expect(f).not.toContain('regenerated as version');
  });
});
