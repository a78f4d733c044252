import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempHome } from '../helpers/cli.js';

// Skipped only where tmux is absent; .ci/run installs it, so CI always runs this test.
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The wizard in a real terminal (tmux): every question answered, then the file checked. */
describe.skipIf(!hasTmux)('init wizard in a terminal', () => {
  it('asks each question with the AutoScale AI defaults and writes the answers', async () => {
    const home = tempHome();
    const session = `init-${process.pid}`;
    const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
    const screen = () => tmux('capture-pane', '-p', '-t', session);
    const waitFor = async (pattern: RegExp) => {
      for (let i = 0; i < 100; i += 1) {
        if (pattern.test(screen())) return;
        await sleep(100);
      }
      throw new Error(`timed out waiting for ${pattern}:\n${screen()}`);
    };
    tmux(
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      '120',
      '-y',
      '40',
      `env AUTOSCALE_HOME=${home.dir} LANG=en_US.UTF-8 ${process.execPath} ${BIN} init; sleep 5`,
    );
    try {
      const answer = async (question: RegExp, keys: string[]) => {
        await waitFor(question);
        for (const k of keys) tmux('send-keys', '-t', session, k);
        tmux('send-keys', '-t', session, 'Enter');
      };
      await answer(/Company name/, ['C-u', 'Plomberie Roy']);
      await answer(/What you sell/, []);
      await answer(/Audience/, []);
      await answer(/Time zone/, []);
      await answer(/Facebook Page id/, ['1234567890']);
      // Facebook is checked already; add LinkedIn (the third choice).
      await answer(/Where to publish/, ['Down', 'Down', 'Space']);
      await answer(/LinkedIn organization id/, ['12345678']);
      await answer(/Posting days/, []);
      await answer(/Window opens at/, ['BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', '12:00']);
      await answer(/Window closes at/, []);
      await answer(/Jitter/, []);
      await answer(/Generation time/, []);
      await answer(/Text provider/, []);
      await answer(/Quality threshold/, []);
      await answer(/Write the configuration/, []);
      await waitFor(/Created .*config\.json/);
      const config = JSON.parse(readFileSync(join(home.dir, 'config.json'), 'utf8'));
      const brand = config.brands['autoscale-ai'];
      expect(brand.profile.company).toBe('Plomberie Roy');
      expect(brand.facebook.pageId).toBe('1234567890');
      expect(brand.posting.windowStart).toBe('12:00');
      expect(brand.posting.days).toEqual(['tue', 'wed', 'thu']);
      expect(brand.platforms).toEqual([{ platform: 'facebook' }, { platform: 'linkedin', account: '12345678' }]);
      expect(config.quality.threshold).toBe(75);
    } finally {
      spawnSync('tmux', ['kill-session', '-t', session]);
      if (existsSync(home.dir)) home.cleanup();
    }
  });
});
