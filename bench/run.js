// Runs the benchmarks: `npm run bench` (all) or `npm run bench -- <name-part>` (e.g. cold-start).
// Each script prints its figures and method; docs/PERFORMANCE.md records them.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHMARKS = [
  'cold-start.js',
  'content-wall-time.js',
  'content-cost.js',
  'lint-corpus.js',
  'image-postprocess.js',
  'tui-launch.js',
  'tui-keys.js',
  'publish-slot-accuracy.js',
  'publish-overhead.js',
  // Through the built CLI at 1k / 10k / 100k posts in one brand (report, status, export, generate).
  'cli-scale.js',
  'generate-cli.js',
  'sync-cli.js',
  'optimizer-bench.js',
  // In-process diagnostics of the hub's per-row cost (the recorded figures come from sync-cli.js).
  'sync-initial.js',
  'sync-incremental.js',
  'daemon-jobs.js',
  // Ten minutes by default (the measure); DAEMON_IDLE_SECONDS shortens it.
  'daemon-idle.js',
];

const dir = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
let failed = 0;
for (const file of BENCHMARKS.filter((f) => !filter || f.includes(filter))) {
  console.log(`\n== ${file}`);
  const r = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
}
process.exitCode = failed ? 1 : 0;
