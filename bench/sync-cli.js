// Sync through the built CLI as a user runs it (`autoscale sync`), against the machine's
// PostgreSQL as the hub (direct transport, DATABASE_URL):
//  - initial sync of the WRITING replica: a home of POSTS posts seeded the public way (an export
//    file → `autoscale import`) pushes everything to an empty hub and pulls (its own rows are not
//    downloaded back);
//  - bootstrap of a second, empty home from the hub;
//  - incremental cycles: the writer refreshes 10 metric snapshots (as the metrics job does), then
//    `autoscale sync` on the writer and on the reader, paired with `node -e 0`.
// Run: npm run build && node bench/sync-cli.js      (POSTS=10000 CYCLES=7)
import Database from 'better-sqlite3';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOW, bareNode, cli, load, stats, tempHome, writeHistory } from './lib/cli-bench.js';
import { load as loadModules, startHub } from './lib/sync-lib.js';

const POSTS = Number(process.env.POSTS ?? 10_000);
const CYCLES = Number(process.env.CYCLES ?? 7);

const mod = await loadModules();
const hub = await startHub(mod);
if (!hub.url) throw new Error('the CLI bench needs the PostgreSQL binaries (apt-get install postgresql)');
const env = { DATABASE_URL: hub.url };
const a = tempHome('sync-a');
const b = tempHome('sync-b');
const cpu = (r) => r.stderr.match(/User time \(seconds\): ([\d.]+)[\s\S]*System time \(seconds\): ([\d.]+)/);
const cpuMs = (r) => {
  const m = cpu(r);
  return m ? Math.round((Number(m[1]) + Number(m[2])) * 1000) : null;
};
try {
  const file = join(a, 'history.json');
  await writeHistory(file, { posts: POSTS, years: 3, seed: POSTS });
  for (const home of [a, b]) if (cli(home, ['init', '--yes']).status !== 0) throw new Error('init failed');
  const imported = cli(a, ['import', file]);
  if (imported.status !== 0) throw new Error(imported.stderr);
  rmSync(file);
  const outbox = new Database(join(a, 'autoscale.db'), { readonly: true });
  const rows = outbox.prepare('SELECT count(DISTINCT tbl || row_id) AS n FROM _sync_outbox').get().n;
  outbox.close();

  const timed = (home, label) => {
    const before = load();
    const hubBefore = hub.cpuMs?.() ?? 0;
    const r = cli(home, ['sync', '--json'], { env });
    if (r.status !== 0) throw new Error(`${label}: ${r.stderr}`);
    const report = JSON.parse(r.stdout);
    return {
      ms: Math.round(r.ms),
      clientCpuMs: cpuMs(r),
      hubCpuMs: Math.round((hub.cpuMs?.() ?? 0) - hubBefore),
      maxRssMb: r.maxRssMb,
      pushed: report.push?.sent ?? 0,
      batches: report.push?.batches ?? 0,
      pulled: report.pull?.received ?? 0,
      applied: report.pull?.applied ?? 0,
      load: { before, after: load() },
    };
  };
  const initial = timed(a, 'initial sync of the writer');
  const bootstrap = timed(b, 'bootstrap of a new replica');

  const db = new Database(join(a, 'autoscale.db'));
  const ids = db
    .prepare(`SELECT id FROM metric_snapshots WHERE label = '7d' ORDER BY taken_at DESC LIMIT ?`)
    .all(CYCLES * 10);
  const bump = db.prepare(
    `UPDATE metric_snapshots SET views = views + 1, unique_viewers = unique_viewers + 1, version = version + 1, updated_at = ? WHERE id = ?`,
  );
  const writer = [];
  const reader = [];
  const writerCpu = [];
  const readerCpu = [];
  const node = [];
  const nodeCpu = [];
  const before = load();
  for (let c = 0; c < CYCLES; c += 1) {
    db.transaction(() => {
      for (const { id } of ids.slice(c * 10, c * 10 + 10)) bump.run(NOW, id);
    })();
    const bare = bareNode();
    node.push(bare.ms);
    if (bare.cpuMs !== null) nodeCpu.push(bare.cpuMs);
    const w = timed(a, 'writer cycle');
    if (w.pushed !== 10) throw new Error(`expected 10 rows pushed, got ${w.pushed}`);
    writer.push(w.ms);
    if (w.clientCpuMs !== null) writerCpu.push(w.clientCpuMs);
    const r = timed(b, 'reader cycle');
    if (r.applied !== 10) throw new Error(`expected 10 rows applied on the reader, got ${r.applied}`);
    reader.push(r.ms);
    if (r.clientCpuMs !== null) readerCpu.push(r.clientCpuMs);
  }
  db.close();
  const result = {
    bench: 'sync-cli',
    hub: hub.kind,
    posts: POSTS,
    rowsInOutbox: rows,
    importMs: Math.round(imported.ms),
    initialSyncWriter: initial,
    bootstrapNewReplica: bootstrap,
    incremental10Rows: {
      writerMs: stats(writer),
      readerMs: stats(reader),
      nodeMs: stats(node),
      // CPU time of the `autoscale sync` process (user + system), the figure load does not inflate.
      writerCpuMs: writerCpu.length ? stats(writerCpu) : null,
      readerCpuMs: readerCpu.length ? stats(readerCpu) : null,
      nodeCpuMs: nodeCpu.length ? stats(nodeCpu) : null,
      load: { before, after: load() },
    },
    targets: 'initial sync (writer) <= 10 s; incremental 10 rows <= 300 ms',
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(
    join(import.meta.dirname, 'results', `sync-cli-${new Date().toISOString().slice(0, 16).replace(/:/g, '')}.json`),
    JSON.stringify(result, null, 2),
  );
} finally {
  await hub.stop();
  rmSync(a, { recursive: true, force: true });
  rmSync(b, { recursive: true, force: true });
}
