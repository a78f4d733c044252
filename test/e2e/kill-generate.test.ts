import { describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { json, runCli, runCliAsync, tempHome } from '../helpers/cli.js';

/**
 * SIGKILL `generate` at spread-out moments (start-up, generation, commit). Whatever the moment,
 * the store holds either no new post or a complete one: three variants, each with its version,
 * in review, with its audit rows.
 */
describe('generate killed with SIGKILL', () => {
  it('never leaves a half-written post', async () => {
    const home = tempHome();
    expect(runCli(['init', '--yes'], { home: home.dir }).code).toBe(0);
    const kills = 24;
    let completed = 0;
    for (let i = 0; i < kills; i += 1) {
      const child = runCliAsync(['generate', '--type', 'case_study', '--topic', `kill ${i}`], { home: home.dir });
      // Cold start is ~150 ms here; spread the kills from before the database opens to after commit.
      const delay = 40 + ((i * 37) % 260);
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
      const variants = raw.prepare('SELECT count(*) AS n FROM variants WHERE post_id = ?').get(post.id) as { n: number };
      expect(variants.n).toBe(3);
      const versions = raw
        .prepare('SELECT count(*) AS n FROM variant_versions vv JOIN variants v ON v.id = vv.variant_id WHERE v.post_id = ?')
        .get(post.id) as { n: number };
      expect(versions.n).toBe(3);
      const audit = raw.prepare('SELECT count(*) AS n FROM audit_log WHERE entity_id = ?').get(post.id) as { n: number };
      expect(audit.n).toBe(2);
    }
    const orphans = raw.prepare('SELECT count(*) AS n FROM variants WHERE post_id NOT IN (SELECT id FROM posts)').get() as { n: number };
    expect(orphans.n).toBe(0);
    raw.close();
    // Posts that finished are all there; killed ones left nothing behind.
    expect(posts.length).toBeGreaterThanOrEqual(completed);
    expect(posts.length).toBeLessThan(kills);
    // The CLI still works on the same home afterwards.
    expect(json(runCli(['list', '--json', '--limit', '0'], { home: home.dir })).count).toBe(posts.length);
    home.cleanup();
  });
});
