import { describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { json, runCli, runCliAsync, tempHome } from '../helpers/cli.js';

/**
 * SIGKILL `generate` at spread-out moments (start-up, database open, generation, commit). Whatever
 * the moment, the store holds either no new post or a complete one: three variants, each with its
 * version, in review, with its audit rows. The moments are fractions of one measured run, so a
 * loaded machine (a slower start) still gets kills on both sides of the commit. A kill during the
 * very first open (migrations) is test/e2e/kill-first-open.test.ts.
 */
describe('generate killed with SIGKILL', () => {
  it('never leaves a half-written post', async () => {
    const home = tempHome();
    expect(runCli(['init', '--yes'], { home: home.dir }).code).toBe(0);
    const started = performance.now();
    expect(runCli(['generate', '--type', 'case_study', '--topic', 'timing'], { home: home.dir }).code).toBe(0);
    const oneRunMs = performance.now() - started;
    const kills = 24;
    let completed = 1;
    for (let i = 0; i < kills; i += 1) {
      const child = runCliAsync(['generate', '--type', 'case_study', '--topic', `kill ${i}`], { home: home.dir });
      // From 10 % to 120 % of a whole run: before the database opens, during generation, around the commit.
      const delay = Math.round(oneRunMs * (0.1 + ((i * 37) % 110) / 100));
      const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), delay);
        child.on('exit', (code, signal) => {
          clearTimeout(timer);
          resolve({ code, signal });
        });
      });
      if (exit.code === 0) completed += 1;
    }
    const raw = new BetterSqlite3(join(home.dir, 'autoscale.db'), { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const posts = raw.prepare('SELECT id, state FROM posts').all() as { id: string; state: string }[];
    for (const post of posts) {
      expect(post.state).toBe('in_review');
      const variants = raw.prepare('SELECT count(*) AS n FROM variants WHERE post_id = ?').get(post.id) as {
        n: number;
      };
      expect(variants.n).toBe(3);
      const versions = raw
        .prepare(
          'SELECT count(*) AS n FROM variant_versions vv JOIN variants v ON v.id = vv.variant_id WHERE v.post_id = ?',
        )
        .get(post.id) as { n: number };
      expect(versions.n).toBe(3);
      // Created and submitted for review, once each (an `image` row follows when the image step ran).
      const audit = raw.prepare('SELECT action FROM audit_log WHERE entity_id = ? ORDER BY id').all(post.id) as {
        action: string;
      }[];
      expect(audit.map((a) => a.action).filter((a) => a !== 'image')).toEqual(['create', 'submit_for_review']);
    }
    const orphans = raw
      .prepare('SELECT count(*) AS n FROM variants WHERE post_id NOT IN (SELECT id FROM posts)')
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    raw.close();
    // Posts that finished are all there; killed ones left nothing behind.
    expect(posts.length).toBeGreaterThanOrEqual(completed);
    expect(posts.length).toBeLessThan(kills + 1);
    // The CLI still works on the same home afterwards.
    expect(json(runCli(['list', '--json', '--limit', '0'], { home: home.dir })).count).toBe(posts.length);
    home.cleanup();
  });
});
