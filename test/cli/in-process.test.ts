import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempHome, json } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { confirmedInitArgs } from '../helpers/profile.js';

const NOW = '2026-11-24T15:00:00Z';

describe('CLI in process (same path as the binary)', () => {
  const home = tempHome();
  const run = (...args: string[]) => runInProcess(['--now', NOW, ...args], { home: home.dir });
  afterAll(() => home.cleanup());

  it('runs the whole flow', async () => {
    expect(
      (
        await run(
          'init',
          '--yes',
          '--window',
          '12:00-15:00',
          '--jitter',
          '20',
          '--posting-days',
          'tue,thu',
          '--threshold',
          '80',
          // The owner's facts and stories: the shipped samples would stop the approval below.
          ...confirmedInitArgs(),
        )
      ).code,
    ).toBe(0);
    const cfg = json(await run('config', 'get', 'brand.posting', '--json')).value;
    expect(cfg).toMatchObject({ windowStart: '12:00', windowEnd: '15:00', jitterMinutes: 20, days: ['tue', 'thu'] });
    const gen = await run('generate', '--type', 'myth_busting', '--topic', 'les appels du soir');
    expect(gen.code).toBe(0);
    expect(gen.stdout).toContain('[1]');
    expect(gen.stdout).toContain('History');
    const list = json(await run('list', '--json'));
    const id = list.posts[0].shortId as string;
    expect((await run('list')).stdout).toContain(id);
    expect((await run('show', id)).stdout).toContain('myth busting');
    expect(
      (await run('edit', id, '--variant', '1', '--text', 'Texte neuf.', '--headline', 'Titre neuf')).stdout,
    ).toMatch(/version 2/);
    expect(
      (await run('edit', id, '--variant', '1', '--text', 'Texte neuf.', '--headline', 'Titre neuf')).stdout,
    ).toMatch(/No change/);
    expect((await run('edit', id, '--variant', '1', '--restore', '1')).code).toBe(0);
    const file = join(home.dir, 't.txt');
    writeFileSync(file, 'Depuis un fichier.');
    expect((await run('edit', id, '--variant', '3', '--file', file)).code).toBe(0);
    expect((await run('edit', id, '--variant', '3', '--file', join(home.dir, 'missing.txt'))).code).toBe(2);
    expect((await run('edit', id, '--variant', '3', '--restore', 'x')).code).toBe(2);
    const approved = await run('approve', id, '--variant', '1', '--mode', 'queue', '--note', 'ok pour jeudi');
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toMatch(
      /Publishing: Tuesday, November 24, (?:12|1|2):\d\d\u00a0p\.m\. \(America\/Toronto\).*mode queue/,
    );
    const status = await run('status');
    expect(status.stdout).toMatch(/approved\s+1/);
    expect((await run('status', '--json', '--all-brands')).code).toBe(0);
    expect((await run('--lang', 'fr', 'status')).stdout).toMatch(/Prochaines publications/);
    const doctor = await run('doctor');
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toMatch(/Database integrity ok/);
    expect((await run('config', 'path')).stdout).toContain(home.dir);
    expect((await run('brand', 'list')).stdout).toMatch(/\* autoscale-ai/);
  });

  it('rejects bad flags with one line and the right code', async () => {
    const cases: [string[], number, RegExp][] = [
      [['approve', 'abc', '--mode', 'fast'], 2, /--mode "fast"/],
      [['approve', 'abc', '--variant', 'two'], 2, /--variant "two"/],
      [['list', '--limit', '-3'], 2, /--limit "-3"/],
      [['init', '--yes', '--window', '9-5'], 2, /--window "9-5"/],
      [['init', '--yes', '--jitter', 'lots'], 2, /--jitter "lots"/],
      [['--lang', 'de', 'list'], 2, /--lang "de"/],
      [['generate', '--type', 'tip', '--variants', '5'], 2, /--variants "5" is not a whole number from 1 to 3/],
      [['generate', '--type', 'tip', '--topic', 'x'.repeat(301)], 2, /longer than 300/],
      [['config', 'get', 'nope.key'], 4, /No configuration key "nope.key"/],
      [['config', 'set', 'providers.text.apiKey', 'sk-x'], 2, /looks like a secret/],
      [['brand', 'use', 'ghost'], 4, /Unknown brand "ghost"/],
      [['brand', 'add', 'autoscale-ai'], 2, /already exists/],
      [['brand', 'add', 'x-brand', '--from', 'ghost'], 4, /Unknown brand "ghost"/],
      [['reject', 'abc'], 2, /needs a reason/],
    ];
    for (const [args, code, pattern] of cases) {
      const r = await run(...args);
      expect({ args, code: r.code }).toEqual({ args, code });
      expect(r.stderr).toMatch(pattern);
    }
  });

  it('prints help with examples and the exit codes', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:/);
    expect(r.stdout).toMatch(/Exit codes:\n +0 {2}success/);
    const sub = await run('approve', '--help');
    expect(sub.stdout).toMatch(/autoscale approve 3f9a1c2e --variant 2/);
    const fr = await run('--lang', 'fr', 'generate', '--help');
    expect(fr.stdout).toMatch(/Exemples\s:/);
  });
});
