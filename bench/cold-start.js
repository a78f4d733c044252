// Cold start of the CLI: `--help`, and `list --json` over 10,000 posts, against bare `node -e 0`.
// Method: each command is spawned RUNS times after WARMUP runs (page cache warm), wall time per
// spawn with process.hrtime; we report median and p95. Run: npm run bench -- cold-start
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'autoscale.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
const POSTS = Number(process.env.BENCH_POSTS ?? 10_000);

const home = mkdtempSync(join(tmpdir(), 'autoscale-bench-'));
// A clean environment, as the other through-the-CLI benches use: the shell's own variables can
// change what bare Node costs (NODE_EXTRA_CA_CERTS makes every node process read a CA bundle,
// ≈ 40 ms here), which would flatter or hide the ratio.
const env = { PATH: process.env.PATH, HOME: home, AUTOSCALE_HOME: home, NO_COLOR: '1', LANG: 'en_US.UTF-8', TZ: 'UTC' };

const time = (args, withEnv = env) => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(args[0], args.slice(1), { env: withEnv, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return ms;
};

const measure = (label, args, withEnv = env) => {
  for (let i = 0; i < WARMUP; i += 1) time(args, withEnv);
  const samples = Array.from({ length: RUNS }, () => time(args, withEnv)).sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  const p95 = samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))];
  return { label, median: +median.toFixed(1), p95: +p95.toFixed(1) };
};

const seed = () => {
  spawnSync(process.execPath, [bin, 'init', '--yes'], { env });
  spawnSync(process.execPath, [bin, 'generate', '--type', 'tip'], { env });
  const db = new BetterSqlite3(join(home, 'autoscale.db'));
  const post = db.prepare('SELECT * FROM posts LIMIT 1').get();
  const variants = db.prepare('SELECT * FROM variants WHERE post_id = ?').all(post.id);
  const versions = db
    .prepare('SELECT vv.* FROM variant_versions vv JOIN variants v ON v.id = vv.variant_id WHERE v.post_id = ?')
    .all(post.id);
  const insert = (table, row) =>
    db
      .prepare(
        `INSERT INTO ${table} (${Object.keys(row).join(',')}) VALUES (${Object.keys(row)
          .map(() => '?')
          .join(',')})`,
      )
      .run(...Object.values(row));
  const states = ['in_review', 'approved', 'published', 'measured', 'rejected'];
  db.transaction(() => {
    for (let i = 1; i < POSTS; i += 1) {
      const pid = `${post.id.slice(0, 24)}${String(i).padStart(12, '0')}`;
      insert('posts', {
        ...post,
        id: pid,
        state: states[i % states.length],
        created_at: new Date(Date.parse(post.created_at) - i * 60_000).toISOString(),
      });
      for (const v of variants) {
        const vid = `${v.id}-${i}`;
        insert('variants', { ...v, id: vid, post_id: pid });
        const vv = versions.find((x) => x.variant_id === v.id);
        insert('variant_versions', { ...vv, id: `${vv.id}-${i}`, variant_id: vid });
      }
    }
  })();
  db.close();
};

seed();
const results = [
  measure('node -e 0', [process.execPath, '-e', '0']),
  measure('autoscale --help', [process.execPath, bin, '--help']),
  measure(`autoscale list --json (${POSTS} posts, default limit 50)`, [process.execPath, bin, 'list', '--json']),
  measure(`autoscale list --json --limit 0 (all ${POSTS} posts)`, [
    process.execPath,
    bin,
    'list',
    '--json',
    '--limit',
    '0',
  ]),
];
// For reference only (not the ratio's base): bare Node with the shell's CA bundle variable.
if (process.env.NODE_EXTRA_CA_CERTS)
  results.push(
    measure('node -e 0 with NODE_EXTRA_CA_CERTS (reference)', [process.execPath, '-e', '0'], {
      ...env,
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
    }),
  );
rmSync(home, { recursive: true, force: true });
const base = results[0].median;
console.log(`cold start, ${RUNS} runs each (median / p95 ms), node ${process.version}`);
for (const r of results)
  console.log(
    `${r.label.padEnd(52)} ${String(r.median).padStart(7)} ${String(r.p95).padStart(7)}   ×${(r.median / base).toFixed(2)}`,
  );
