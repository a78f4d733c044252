// Reads at scale, measured through the built CLI as a user runs it: stores of 1,000, 10,000 and
// 100,000 posts in ONE brand, seeded the public way (an export file → `autoscale import`), then
// `report --week`, `status`, `export` (CSV and JSON) and an offline `generate`, each spawned and
// paired with `node -e 0` in the same run, with peak memory (GNU time) and the load average.
//   npm run build && node bench/cli-scale.js            (SIZES=1000,10000,100000 RUNS=7)
//   KEEP=1 keeps the seeded homes in $TMPDIR/autoscale-bench-scale-<n> and reuses them.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOW, cli, hasGnuTime, load, paired, stats, writeHistory } from './lib/cli-bench.js';

const SIZES = (process.env.SIZES ?? '1000,10000,100000').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 7);
const KEEP = process.env.KEEP === '1';
const SEED_VERSION = 'v2';

if (!hasGnuTime()) console.error('note: /usr/bin/time not found (apt-get install time): peak memory not measured');

/** A home with `n` measured posts imported from an export file; reused when KEEP=1 and intact. */
const seeded = (n) => {
  const home = join(tmpdir(), `autoscale-bench-scale-${n}`);
  const marker = join(home, 'bench-seed.json');
  if (KEEP && existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).version === SEED_VERSION) {
    return { home, import: JSON.parse(readFileSync(marker, 'utf8')).import, reused: true };
  }
  return undefined;
};

const seed = async (n) => {
  const home = join(tmpdir(), `autoscale-bench-scale-${n}`);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const file = join(home, `history-${n}.json`);
  await writeHistory(file, { posts: n, years: 3, seed: n });
  if (cli(home, ['init', '--yes']).status !== 0) throw new Error('init failed');
  const before = load();
  const r = cli(home, ['import', file]);
  if (r.status !== 0) throw new Error(`import failed:\n${r.stderr}`);
  const result = {
    ms: Math.round(r.ms),
    maxRssMb: r.maxRssMb,
    fileMb: Math.round(statSync(file).size / 1048576),
    load: { before, after: load() },
  };
  rmSync(file);
  writeFileSync(join(home, 'bench-seed.json'), JSON.stringify({ version: SEED_VERSION, import: result }));
  return { home, import: result, reused: false };
};

const exportRuns = (home, format, runs) => {
  const times = [];
  const rss = [];
  const cpu = [];
  const before = load();
  const out = join(home, `out.${format}`);
  for (let i = 0; i < runs; i += 1) {
    const r = cli(home, ['export', '--format', format, '--out', out]);
    if (r.status !== 0) throw new Error(r.stderr);
    times.push(r.ms);
    rss.push(r.maxRssMb);
    if (r.cpuMs !== null) cpu.push(r.cpuMs);
  }
  const size = Math.round(statSync(out).size / 1048576);
  rmSync(out);
  return {
    command: `autoscale export --format ${format} --out FILE`,
    ms: stats(times),
    cpuMs: cpu.length ? stats(cpu) : null,
    maxRssMb: Math.max(...rss),
    fileMb: size,
    load: { before, after: load() },
  };
};

const results = [];
for (const n of SIZES) {
  const store = seeded(n) ?? (await seed(n));
  const now = ['--now', NOW];
  const figures = {
    posts: n,
    import: { ...store.import, reused: store.reused },
    report: paired(store.home, [...now, 'report', '--week', '--json'], { runs: RUNS }),
    status: paired(store.home, [...now, 'status', '--json'], { runs: RUNS }),
    generateOffline: paired(store.home, [...now, 'generate', '--type', 'tip', '--no-image', '--json'], {
      runs: RUNS,
    }),
    exportCsv: exportRuns(store.home, 'csv', 3),
    exportJson: exportRuns(store.home, 'json', 3),
  };
  results.push(figures);
  console.log(JSON.stringify(figures, null, 2));
  if (!KEEP) rmSync(store.home, { recursive: true, force: true });
}
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  join(import.meta.dirname, 'results', `cli-scale-${new Date().toISOString().slice(0, 16).replace(/:/g, '')}.json`),
  JSON.stringify({ node: process.version, runs: RUNS, results }, null, 2),
);
