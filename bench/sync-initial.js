// Initial sync of 10,000 posts with their variants, versions and metric snapshots (90,000 rows):
// replica A pushes everything to an empty hub, then a brand-new replica B bootstraps from zero.
// Target: under 10 s against local Postgres. Run: npm run build && node bench/sync-initial.js
import { clientCpuMs, load, loadAverage, ms, openReplica, seed, startHub } from './lib/sync-lib.js';

const POSTS = Number(process.env.POSTS ?? 10_000);
const mod = await load();
const hub = await startHub(mod);
const a = await openReplica(mod, 'a');
const b = await openReplica(mod, 'b');
try {
  let t = performance.now();
  seed(a.raw, POSTS, 'replica-a');
  const seedMs = ms(t);
  const outbox = a.raw.prepare('SELECT count(*) AS n FROM _sync_outbox').get().n;

  const cpu = () => ({ client: clientCpuMs(), hub: hub.cpuMs?.() ?? 0 });
  const spent = (before) => {
    const after = cpu();
    return { clientCpuMs: Math.round(after.client - before.client), hubCpuMs: Math.round(after.hub - before.hub) };
  };
  const loadBefore = await loadAverage();
  let c = cpu();
  t = performance.now();
  const push = await mod.runSync(a.deps, { transport: hub.transport(), pull: false });
  const pushMs = ms(t);
  const pushCpu = spent(c);

  c = cpu();
  t = performance.now();
  const pull = await mod.runSync(b.deps, { transport: hub.transport(), push: false });
  const pullMs = ms(t);
  const pullCpu = spent(c);

  const result = {
    bench: 'sync-initial',
    hub: hub.kind,
    posts: POSTS,
    rows: outbox,
    seedMs,
    pushMs,
    pushCpu,
    bootstrapPullMs: pullMs,
    pullCpu,
    loadAverage1m5m15m: { before: loadBefore, after: await loadAverage() },
    totalMs: Math.round((pushMs + pullMs) * 10) / 10,
    pushed: push.push?.sent,
    pulled: pull.pull?.applied,
    batches: push.push?.batches,
    target: 'push + bootstrap pull < 10000 ms',
    pass: pushMs + pullMs < 10_000,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await a.close();
  await b.close();
  await hub.stop();
}
