import { createHash } from 'node:crypto';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, runCli, tempHome } from '../helpers/cli.js';

/**
 * No edit skips review (issue 21): an edit of the approved text sends the post back to review,
 * the audit log says which text was approved, and a text changed behind the approval (another
 * replica, an old row) is never published. Also: what an explicit --at really means, and user
 * text that would steer the terminal.
 */
const NOW = '2026-12-01T15:00:00Z';
const sha = (text: string) =>
  createHash('sha256').update(text.normalize('NFC').replace(/\s+/g, ' ').trim()).digest('hex');

describe('an edit after approval', () => {
  const home = tempHome();
  const run = (...args: string[]) => runCli(['--now', NOW, ...args], { home: home.dir });
  let id = '';
  beforeAll(() => {
    expect(run('init', '--yes').code).toBe(0);
    id = json(run('generate', '--type', 'tip', '--json')).shortId;
  });
  afterAll(() => home.cleanup());

  it('sends the post back to review; the audit log names the approved text', () => {
    const approved = json(run('approve', id, '--variant', '2', '--json'));
    expect(approved.state).toBe('approved');
    const before = json(run('show', id, '--json'));
    const approvedText = before.variants.find((v: { index: number }) => v.index === 2).text as string;
    const approval = before.history.find((h: { action: string }) => h.action === 'approve');
    expect(approval.data).toMatchObject({ variantIndex: 2, version: 1, textHash: sha(approvedText) });

    const edited = run('edit', id, '--variant', '2', '--text', 'Un texte changé après l’approbation, jamais relu.');
    expect(edited.code).toBe(0);
    expect(edited.stderr).toMatch(/was approved with the previous text: it is back in review\. Approve the new text/);
    const after = json(run('show', id, '--json'));
    expect(after).toMatchObject({ state: 'in_review', scheduledAt: null });
    expect(after.history.map((h: { action: string }) => h.action)).toContain('approval_voided');
    // Nothing is due any more: the unreviewed text cannot go out.
    expect(json(run('publish', '--due', '--now', '2026-12-31T20:00:00Z', '--json')).outcomes).toEqual([]);
  });

  it('editing another variant keeps the approval (the approved text did not change)', () => {
    // The edited text is short (under the gate's minimum): approved on purpose, as an owner would.
    expect(run('approve', id, '--variant', '2', '--force', '--note', 'relu').code).toBe(0);
    const r = run('edit', id, '--variant', '3', '--text', 'Une autre variante retouchée, pas celle qui est approuvée.');
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/back in review/);
    expect(json(run('show', id, '--json')).state).toBe('approved');
  });

  it('a text changed behind the approval (sync, an old row) is not published: back to review', () => {
    // Another replica's edit arriving by sync writes the version row directly.
    const db = new BetterSqlite3(join(home.dir, 'autoscale.db'));
    db.prepare(
      `UPDATE variant_versions SET text = 'Texte arrivé par synchronisation, jamais approuvé ici.'
       WHERE variant_id IN (SELECT id FROM variants WHERE post_id LIKE ? AND idx = 2)`,
    ).run(`%${id}`);
    db.close();
    const r = run('publish', id, '--immediately');
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(
      /changed after it was approved; it was not published and is back in review\. Fix: Review the new text/,
    );
    const shown = json(run('show', id, '--json'));
    expect(shown.state).toBe('in_review');
    expect(shown.history.at(-1)).toMatchObject({ action: 'approval_voided' });
  });
});

describe('an explicit --at', () => {
  const home = tempHome();
  const run = (...args: string[]) => runCli(['--now', '2026-03-02T15:00:00Z', ...args], { home: home.dir });
  beforeAll(() => expect(run('init', '--yes').code).toBe(0));
  afterAll(() => home.cleanup());
  const post = () => json(run('generate', '--type', 'tip', '--json')).shortId as string;

  it('in the spring-forward gap is kept with a notice of the real time', () => {
    const r = run('approve', post(), '--at', '2026-03-10 02:30', '--json');
    expect(r.code).toBe(0);
    // 2026-03-08 is the change in Toronto; this date is not in a gap: only the window notice.
    expect(json(r).notices.join(' ')).toMatch(/outside the posting window/);
    const gap = run('approve', post(), '--at', '2026-03-08 02:30');
    expect(gap.code).toBe(0);
    expect(gap.stderr).toMatch(
      /2026-03-08 02:30 does not exist in America\/Toronto \(the clocks jump forward that night\): it is taken as 2026-03-08 03:30 America\/Toronto \(2026-03-08T07:30Z\)/,
    );
    expect(gap.stdout).toMatch(/Publishing: Sunday, March 8, 3:30\u00a0a\.m\. \(America\/Toronto\)/);
  });

  it('in the fall-back overlap says which of the two is used', () => {
    const r = run('approve', post(), '--at', '2026-11-01 01:30');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /2026-11-01 01:30 happens twice in America\/Toronto \(the clocks fall back that night\): the (first|second) one is used, 2026-11-01 01:30 America\/Toronto \(2026-11-01T0[56]:30Z\)/,
    );
  });

  it('outside the posting window or days is kept with a notice; inside, nothing is said', () => {
    const evening = run('approve', post(), '--at', '2026-03-04 21:15');
    expect(evening.code).toBe(0);
    expect(evening.stderr).toMatch(
      /2026-03-04 21:15 America\/Toronto \(2026-03-05T02:15Z\) is outside the posting window \(tue, wed, thu 13:00–16:00\): kept because you asked for it/,
    );
    const sunday = run('approve', post(), '--at', '2026-03-08 14:00');
    expect(sunday.stderr).toMatch(/outside the posting days/);
    const inside = run('approve', post(), '--at', '2026-03-04 14:10');
    expect(inside.stderr).toBe('');
    const utc = run('approve', post(), '--at', '2026-03-04T19:10:00Z');
    expect(utc.stderr).toMatch(/2026-03-04T19:10:00Z is 2026-03-04 14:10 America\/Toronto/);
  });
});

describe('user text that would steer the terminal', () => {
  const home = tempHome();
  const run = (args: string[], env: Record<string, string> = {}) =>
    runCli(['--now', NOW, ...args], { home: home.dir, env });
  afterAll(() => home.cleanup());

  it('is shown with its control characters made visible, never sent raw', () => {
    const topic = 'Rendez-vous\u001b[2J\u001b]0;pwned\u0007 manqués\r\u009b31m';
    const g = run(['generate', '--type', 'tip', '--topic', topic, '--no-image']);
    expect(g.code, g.stderr).toBe(0);
    const id = json(run(['list', '--json'])).posts[0].shortId as string;
    for (const env of [{}, { NO_COLOR: '', FORCE_COLOR: '1' }] as Record<string, string>[]) {
      for (const args of [['show', id], ['list'], ['status'], ['review', id, '--print'], ['show', id, '--json']]) {
        const r = run(args, env);
        const printed = r.stdout + r.stderr;
        expect(printed, args.join(' ')).not.toMatch(/\u001b\[2J|\u001b\]|\u0007|\r|\u009b/);
      }
    }
    expect(run(['show', id]).stdout).toMatch(/Rendez-vous␛\[2J␛\]0;pwned␇ manqués␍<U\+009B>31m/);
    // The data itself is kept as given (JSON escapes it).
    expect(json(run(['show', id, '--json'])).topic).toBe(topic);
  });
});
