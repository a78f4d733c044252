// Shared tools of the through-the-CLI benchmarks: a synthetic history written in the tool's own
// export format (so a store is seeded the public way: `autoscale import`), spawning the built CLI
// as a user runs it with its wall time and peak memory (GNU time), paired with `node -e 0`, and
// the machine's load next to every figure.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'autoscale.js');
export const NOW = '2026-11-24T15:00:00Z';

const TIME = '/usr/bin/time';
export const hasGnuTime = () => existsSync(TIME);

export const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

/** A seeded generator (mulberry32) so every run writes the same history. */
export const rng = (seed) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** UUIDv7 at a given instant, as the tool mints them (time-ordered, so history sorts like real data). */
const uuid7 = (ms) => {
  const b = randomBytes(16);
  b[0] = Math.floor(ms / 2 ** 40) & 0xff;
  b[1] = Math.floor(ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

const TYPES = ['case_study', 'tip', 'faq', 'myth_busting', 'testimonial', 'behind_the_scenes'];
const STYLES = ['professional', 'storytelling', 'question'];
const OPENERS = [
  'Une clinique dentaire de Laval manquait {n} appels par semaine.',
  'L’an dernier, un garage de Lévis perdait des clients chaque lundi matin.',
  'Saviez-vous que {n} % des appels manqués ne rappellent jamais?',
  'Trois conseils pour ne plus rater d’appels pendant la période des fêtes.',
  'Mythe : une réceptionniste IA coûte trop cher pour une PME.',
];
const MIDDLES = [
  'La réceptionniste IA répond 24 h sur 24, en français québécois, avec vos heures et vos prix.',
  'Chaque appel reçoit une réponse claire, et l’équipe reçoit un résumé écrit de la conversation.',
  'La mise en place se fait en quelques jours, sans changer de numéro ni d’équipement.',
];
const CLOSERS = [
  'Et vous, combien d’appels perdez-vous chaque semaine?',
  'Écrivez-nous « DÉMO » en message privé pour l’entendre répondre à votre place.',
  'Réservez une démonstration de 15 minutes cette semaine. 📞',
];

const textOf = (r) => {
  const n = 5 + Math.floor(r() * 60);
  const parts = [OPENERS[Math.floor(r() * OPENERS.length)].replace('{n}', String(n))];
  const middles = 1 + Math.floor(r() * 3);
  for (let i = 0; i < middles; i += 1) parts.push(MIDDLES[Math.floor(r() * MIDDLES.length)]);
  parts.push(CLOSERS[Math.floor(r() * CLOSERS.length)]);
  return parts.join('\n\n');
};

/**
 * Writes an export file (`export --format json` layout) with `posts` measured posts of one brand
 * spread evenly over `years` before NOW: three variants each, a publication, a 24 h and a 7 d
 * snapshot. Streamed, so 100,000 posts take no memory to write.
 */
export const writeHistory = async (file, { posts, years = 3, seed = 1 }) => {
  const r = rng(seed);
  const out = createWriteStream(file);
  const write = async (s) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(
    `{\n  "kind": "autoscale.export",\n  "schemaVersion": 1,\n  "brand": "autoscale-ai",\n  "exportedAt": "${NOW}",\n  "from": null,\n  "to": null,\n  "posts": [`,
  );
  const end = Date.parse(NOW) - 2 * 86_400_000;
  const span = years * 365 * 86_400_000;
  for (let i = 0; i < posts; i += 1) {
    const at = new Date(end - span + Math.floor((i / posts) * span) + Math.floor(r() * 3_600_000));
    // Publications land in the posting window (13–16 h Toronto ≈ 18–21 h UTC).
    at.setUTCHours(18 + Math.floor(r() * 3), Math.floor(r() * 60), 0, 0);
    const published = at.toISOString();
    const randomUUID = () => uuid7(at.getTime());
    const id = randomUUID();
    const variants = STYLES.map((style, idx) => ({
      id: randomUUID(),
      idx,
      style,
      current_version_no: 1,
      version_id: randomUUID(),
      quality_score: 70 + Math.floor(r() * 30),
      prompt_version: `v${1 + Math.floor(i / 5000)}`,
      provider: 'offline',
      model: 'offline',
      headline: `Titre ${i} ${style}`,
      text: textOf(r),
      created_at: published,
    }));
    const chosen = variants[Math.floor(r() * 3)];
    const pubId = randomUUID();
    const snap = (label, days, scale) => {
      const uv = Math.floor((200 + r() * 900) * scale);
      const reactions = Math.floor(uv * 0.02 * r());
      const comments = Math.floor(r() * 4);
      const shares = Math.floor(r() * 2);
      return {
        id: randomUUID(),
        publication_id: pubId,
        label,
        taken_at: new Date(at.getTime() + days * 86_400_000).toISOString(),
        views: uv * 2,
        unique_viewers: uv,
        reactions,
        comments,
        shares,
        clicks: Math.floor(r() * 10),
        engagement_rate: uv ? (reactions + comments + shares) / uv : null,
        basis: 'unique_viewers',
        missing: null,
      };
    };
    const post = {
      id,
      content_type: TYPES[i % TYPES.length],
      topic: null,
      state: 'measured',
      target_date: published.slice(0, 10),
      style: chosen.style,
      headline: chosen.headline,
      text: chosen.text,
      prompt_version: chosen.prompt_version,
      quality_score: chosen.quality_score,
      published_at: published,
      fb_post_id: `1000_${i}`,
      permalink: null,
      chosen_variant_id: chosen.id,
      scheduled_at: published,
      publish_mode: 'native',
      created_at: published,
      variants,
      publications: [
        {
          id: pubId,
          page_id: '1000',
          attempt_no: 1,
          mode: 'native',
          status: 'published',
          text_hash: null,
          slot_at: published,
          started_at: published,
          finished_at: published,
          fb_post_id: `1000_${i}`,
          permalink: null,
          error: null,
        },
      ],
      metricSnapshots: [snap('24h', 1, 0.8), snap('7d', 7, 1)],
    };
    await write(`${i ? ',' : ''}\n    ${JSON.stringify(post)}`);
  }
  await write('\n  ]\n}\n');
  out.end();
  await once(out, 'close');
};

/**
 * Parses GNU time -v: maximum resident set size and CPU time (user + system). On a shared machine
 * the CPU time is the figure that load does not inflate; wall time is what the user waits.
 */
const parseTime = (stderr) => {
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  return {
    maxRssMb: rss ? Math.round(Number(rss[1]) / 102.4) / 10 : null,
    cpuMs: user && sys ? Math.round((Number(user[1]) + Number(sys[1])) * 1000) : null,
  };
};

/**
 * Runs a command as a user would (a spawned process), under GNU time for its peak memory.
 * Returns wall milliseconds (measured here, around the spawn), peak RSS and the output.
 */
export const spawnTimed = (argv, { env = {}, home, input } = {}) => {
  const withTime = hasGnuTime() ? [TIME, ['-v', ...argv]] : [argv[0], argv.slice(1)];
  const start = process.hrtime.bigint();
  const r = spawnSync(withTime[0], withTime[1], {
    env: { PATH: process.env.PATH, HOME: home ?? tmpdir(), LANG: 'en_US.UTF-8', NO_COLOR: '1', TZ: 'UTC', ...env },
    encoding: 'utf8',
    input: input ?? '',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const { maxRssMb, cpuMs } = parseTime(r.stderr ?? '');
  return { ms, maxRssMb, cpuMs, status: r.status, stdout: r.stdout, stderr: r.stderr };
};

export const cli = (home, args, options = {}) =>
  spawnTimed([process.execPath, BIN, ...args], {
    ...options,
    home,
    env: { AUTOSCALE_HOME: home, ...(options.env ?? {}) },
  });

export const bareNode = () => spawnTimed([process.execPath, '-e', '0']);

export const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const r = (x) => Math.round(x * 10) / 10;
  return { median: r(q(0.5)), min: r(s[0]), max: r(s[s.length - 1]), p90: r(q(0.9)), n: s.length };
};

/**
 * Runs `args` `runs` times interleaved with `node -e 0` (same moments, same load), after a
 * warm-up, and returns both series with the load average before and after.
 */
export const paired = (home, args, { runs = 7, warmup = 1, env } = {}) => {
  const before = load();
  for (let i = 0; i < warmup; i += 1) cli(home, args, { env });
  const cmd = [];
  const node = [];
  const rss = [];
  const cpu = [];
  const nodeCpu = [];
  for (let i = 0; i < runs; i += 1) {
    const bare = bareNode();
    node.push(bare.ms);
    if (bare.cpuMs !== null) nodeCpu.push(bare.cpuMs);
    const r = cli(home, args, { env });
    if (r.status !== 0) throw new Error(`autoscale ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
    cmd.push(r.ms);
    if (r.maxRssMb !== null) rss.push(r.maxRssMb);
    if (r.cpuMs !== null) cpu.push(r.cpuMs);
  }
  const c = stats(cmd);
  const n = stats(node);
  return {
    command: `autoscale ${args.join(' ')}`,
    ms: c,
    nodeMs: n,
    overNode: Math.round((c.median / n.median) * 100) / 100,
    cpuMs: cpu.length ? stats(cpu) : null,
    nodeCpuMs: nodeCpu.length ? stats(nodeCpu) : null,
    maxRssMb: rss.length ? Math.max(...rss) : null,
    load: { before, after: load() },
  };
};

export const tempHome = (name) => mkdtempSync(join(tmpdir(), `autoscale-bench-${name}-`));
