// Incremental cycle: with 1,000 posts already synced on two replicas, 10 rows change on A
// (metric snapshots refreshed by the publisher);
// time A's sync (push + pull) and B's sync (push + pull), median of 20 cycles.
// Target: under 300 ms per cycle. Run: npm run build && node bench/sync-incremental.js
import { load, loadAverage, ms, openReplica, seed, startHub } from './lib/sync-lib.js';

const POSTS = Number(process.env.POSTS ?? 1_000);
const CYCLES = Number(process.env.CYCLES ?? 20);
const mod = await load();
const hub = await startHub(mod);
const a = await openReplica(mod, 'a');
const b = await openReplica(mod, 'b');
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
try {
  seed(a.raw, POSTS, 'replica-a');
  await mod.runSync(a.deps, { transport: hub.transport() });
  await mod.runSync(b.deps, { transport: hub.transport() });
  const aTimes = [];
  const bTimes = [];
  const transportA = hub.transport();
  const transportB = hub.transport();
  let applied = 0;
  for (let cycle = 0; cycle < CYCLES; cycle += 1) {
    // The publisher refreshes 10 metric snapshots (published posts' content is frozen by design).
    const bump = a.raw.prepare(`UPDATE metric_snapshots SET views = views + ?, version = version + 1 WHERE id = ?`);
    a.raw.transaction(() => {
      for (let i = 0; i < 10; i += 1) bump.run(cycle + 1, `p-${String(cycle * 10 + i).padStart(6, '0')}-24h`);
    })();
    let t = performance.now();
    const ra = await mod.runSync(a.deps, { transport: transportA });
    aTimes.push(ms(t));
    t = performance.now();
    const rb = await mod.runSync(b.deps, { transport: transportB });
    bTimes.push(ms(t));
    if (ra.push.sent !== 10 || ra.push.accepted !== 10)
      throw new Error(`expected 10 accepted, got ${JSON.stringify(ra.push)}`);
    applied = rb.pull.applied;
  }
  await transportA.close();
  await transportB.close();
  const result = {
    bench: 'sync-incremental',
    hub: hub.kind,
    postsSynced: POSTS,
    changedRows: 10,
    cycles: CYCLES,
    writerCycleMedianMs: median(aTimes),
    writerCycleMaxMs: Math.max(...aTimes),
    readerCycleMedianMs: median(bTimes),
    readerCycleMaxMs: Math.max(...bTimes),
    rowsAppliedByReader: applied,
    loadAverage1m5m15m: await loadAverage(),
    target: 'cycle < 300 ms',
    pass: median(aTimes) < 300 && median(bTimes) < 300,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await a.close();
  await b.close();
  await hub.stop();
}
