// Weekly report on a large store: 20 Pages × 3 years (~10,000 posts, 100,000 metric snapshots,
// 30,000 AI-call rows). Measures buildReport in process (cold and warm) and the whole CLI
// (`autoscale report --week --json`, node start-up included). Run after `npx tsc -p tsconfig.build.json`:
//   node bench/report-bench.js [--posts-per-page 500] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveHome } from '../dist/src/config/home.js';
import { saveConfig } from '../dist/src/config/load.js';
import { loadEnvironment } from '../dist/src/config/secrets.js';
import { buildInitialConfig } from '../dist/src/services/init-service.js';
import { openDatabase } from '../dist/src/store/database.js';
import { newId } from '../dist/src/store/ids.js';
import { buildReport } from '../dist/src/report/report-service.js';
import { seededRandom } from '../dist/src/domain/random.js';

const args = process.argv.slice(2);
const perPage = Number(args[args.indexOf('--posts-per-page') + 1] ?? 500) || 500;
const PAGES = 20;
const NOW = '2026-11-24T15:00:00Z';
const LABELS = ['24h', '48h', '72h', '4d', '5d', '6d', '7d', '14d', '28d', '90d'];
const TYPES = ['case_study', 'tip', 'faq', 'myth_busting', 'testimonial', 'behind_the_scenes'];
const STYLES = ['professional', 'storytelling', 'question'];

const home = mkdtempSync(join(tmpdir(), 'autoscale-bench-'));
const paths = resolveHome(home, {});
const base = buildInitialConfig({});
const brandTemplate = base.brands[base.currentBrand];
const brands = {};
for (let p = 0; p < PAGES; p += 1) brands[`page-${p}`] = { ...brandTemplate, name: `Page ${p}` };
const config = { ...base, currentBrand: 'page-0', brands };
saveConfig(paths.config, config);

const t0 = performance.now();
const opened = await openDatabase(paths.database);
const raw = opened.raw;
const random = seededRandom('bench');
const stamp = { version: 1, updated_at: NOW, updated_by: 'bench', deleted_at: null };
const insPost =
  raw.prepare(`INSERT INTO posts (id, brand, content_type, topic, target_date, state, chosen_variant_id, image_id, scheduled_at, slot_seed, publish_mode, failure_reason, generation_run_id, created_at, created_by, version, updated_at, updated_by, deleted_at)
  VALUES (@id, @brand, @content_type, NULL, @target_date, @state, @chosen, NULL, @at, NULL, 'native', NULL, NULL, @at, 'bench', @version, @updated_at, @updated_by, @deleted_at)`);
const insVariant =
  raw.prepare(`INSERT INTO variants (id, post_id, idx, style, current_version_no, quality_score, quality, prompt_version, provider, model, created_at, version, updated_at, updated_by, deleted_at)
  VALUES (@id, @post_id, @idx, @style, 1, @q, NULL, @pv, 'offline', 'offline', @at, @version, @updated_at, @updated_by, @deleted_at)`);
const insVersion =
  raw.prepare(`INSERT INTO variant_versions (id, variant_id, version_no, text, headline, source, note, author, created_at, version, updated_at, updated_by, deleted_at)
  VALUES (@id, @variant_id, 1, @text, 'h', 'generated', NULL, 'bench', @at, @version, @updated_at, @updated_by, @deleted_at)`);
const insPub =
  raw.prepare(`INSERT INTO publications (id, post_id, brand, page_id, attempt_no, mode, status, text_hash, slot_at, started_at, finished_at, fb_post_id, fb_photo_id, permalink, error, dry_run_path, version, updated_at, updated_by, deleted_at)
  VALUES (@id, @post_id, @brand, NULL, 1, 'native', 'published', 'x', @at, @at, @at, @fb, NULL, NULL, NULL, NULL, @version, @updated_at, @updated_by, @deleted_at)`);
const insSnap =
  raw.prepare(`INSERT INTO metric_snapshots (id, post_id, publication_id, label, taken_at, views, unique_viewers, reactions, comments, shares, clicks, engagement_rate, basis, missing, raw, version, updated_at, updated_by, deleted_at)
  VALUES (@id, @post_id, @pub, @label, @taken, @views, @uv, @r, @c, @s, @k, @rate, 'engagement/unique_viewers', NULL, NULL, @version, @updated_at, @updated_by, @deleted_at)`);
const insCall =
  raw.prepare(`INSERT INTO llm_calls (id, run_id, post_id, step_key, purpose, provider, model, status, input_tokens, output_tokens, cache_write_tokens, cache_read_tokens, cost_usd, latency_ms, request_id, response, error, created_at, version, updated_at, updated_by, deleted_at)
  VALUES (@id, NULL, @post_id, @step, @purpose, 'x', 'x', 'succeeded', 0, 0, 0, 0, @cost, 1, NULL, NULL, NULL, @at, @version, @updated_at, @updated_by, @deleted_at)`);

let posts = 0;
let snapshots = 0;
let calls = 0;
const end = Date.parse(NOW);
const span = 3 * 365 * 86_400_000;
raw.transaction(() => {
  for (let p = 0; p < PAGES; p += 1) {
    for (let i = 0; i < perPage; i += 1) {
      const at = new Date(
        end - span + Math.floor((i / perPage) * span) + Math.floor(random() * 3_600_000),
      ).toISOString();
      const id = newId();
      const variant = newId();
      const pub = newId();
      insPost.run({
        id,
        brand: `page-${p}`,
        content_type: TYPES[i % TYPES.length],
        target_date: at.slice(0, 10),
        state: 'measured',
        chosen: variant,
        at,
        ...stamp,
      });
      insVariant.run({
        id: variant,
        post_id: id,
        idx: 0,
        style: STYLES[i % 3],
        q: 70 + Math.floor(random() * 30),
        pv: `v${1 + Math.floor(i / 100)}`,
        at,
        ...stamp,
      });
      insVersion.run({
        id: newId(),
        variant_id: variant,
        text: `Texte ${i} avec un chiffre de ${i % 50} % et une question?`,
        at,
        ...stamp,
      });
      insPub.run({ id: pub, post_id: id, brand: `page-${p}`, at, fb: `${p}_${i}`, ...stamp });
      for (const [k, label] of LABELS.entries()) {
        const uv = 200 + Math.floor(random() * 800) + k * 20;
        const r = Math.floor(uv * 0.02 * random());
        insSnap.run({
          id: newId(),
          post_id: id,
          pub,
          label,
          taken: at,
          views: uv * 2,
          uv,
          r,
          c: 1,
          s: 0,
          k: 3,
          rate: (r + 1) / uv,
          ...stamp,
        });
        snapshots += 1;
      }
      for (const [purpose, cost] of [
        ['variant', 0.03],
        ['judge', 0.01],
        ['image', 0.04],
      ]) {
        insCall.run({ id: newId(), post_id: id, step: purpose, purpose, cost, at, ...stamp });
        calls += 1;
      }
      posts += 1;
    }
  }
})();
raw.pragma('optimize');
const setupMs = performance.now() - t0;

const deps = {
  db: opened.db,
  config,
  brandSlug: 'page-0',
  brand: config.brands['page-0'],
  clock: { now: () => new Date(NOW) },
  env: loadEnvironment(paths.env, {}),
  paths,
  writer: () => ({ now: NOW, actor: 'bench', replica: 'bench' }),
};
const timeIt = async (fn) => {
  const s = performance.now();
  await fn();
  return performance.now() - s;
};
const cold = await timeIt(() => buildReport(deps));
const warm = [];
for (let i = 0; i < 10; i += 1) warm.push(await timeIt(() => buildReport(deps)));
await opened.close();

const bin = resolve(import.meta.dirname, '..', 'bin', 'autoscale.js');
const cli = [];
for (let i = 0; i < 5; i += 1) {
  const s = performance.now();
  const r = spawnSync(process.execPath, [bin, '--now', NOW, 'report', '--week', '--json'], {
    env: { ...process.env, AUTOSCALE_HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  cli.push(performance.now() - s);
  if (r.status !== 0) throw new Error(r.stderr);
}
// The same CLI start-up (config, database open) without the report: what every command pays.
const status = [];
for (let i = 0; i < 5; i += 1) {
  const s = performance.now();
  spawnSync(process.execPath, [bin, '--now', NOW, 'status', '--json'], {
    env: { ...process.env, AUTOSCALE_HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  status.push(performance.now() - s);
}
const bare = [];
for (let i = 0; i < 5; i += 1) {
  const s = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  bare.push(performance.now() - s);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const result = {
  pages: PAGES,
  posts,
  snapshots,
  llmCalls: calls,
  setupSeconds: +(setupMs / 1000).toFixed(1),
  buildReportColdMs: +cold.toFixed(1),
  buildReportWarmMedianMs: +median(warm).toFixed(1),
  cliReportMedianMs: +median(cli).toFixed(1),
  cliStatusMedianMs: +median(status).toFixed(1),
  reportOverStatusMs: +(median(cli) - median(status)).toFixed(1),
  bareNodeMedianMs: +median(bare).toFixed(1),
  targetMs: 300,
};
console.log(JSON.stringify(result, null, 2));
if (!args.includes('--keep')) rmSync(home, { recursive: true, force: true });
else console.log(`store kept in ${home}`);
