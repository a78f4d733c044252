#!/usr/bin/env node
// Memory of the job runner after 10,000 jobs, then after 10,000 more (growth = leak).
// Usage: node --expose-gc bench/daemon-jobs.js [--jobs 10000]   (build first: npm run build)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../dist/', import.meta.url);
const { openDatabase } = await import(new URL('src/store/database.js', root).href);
const { JobRunner } = await import(new URL('src/daemon/runner.js', root).href);
const { JobRegistry } = await import(new URL('src/jobs/registry.js', root).href);
const { silentLog } = await import(new URL('src/jobs/log.js', root).href);
const { daemonSchema } = await import(new URL('src/config/schema.js', root).href);
const { enqueueJob } = await import(new URL('src/store/jobs-repo.js', root).href);
const { immediate } = await import(new URL('src/store/tx.js', root).href);

const i = process.argv.indexOf('--jobs');
const count = i > 0 ? Number(process.argv[i + 1]) : 10_000;
const home = mkdtempSync(join(tmpdir(), 'autoscale-bench-jobs-'));
const opened = await openDatabase(join(home, 'autoscale.db'));
const db = opened.db;
const registry = new JobRegistry().register('work', async (ctx) => ({ result: { n: ctx.payload.n } }));
const runner = new JobRunner({
  db,
  registry,
  owner: 'bench',
  clock: { now: () => new Date() },
  daemon: daemonSchema.parse({}),
  depsFor: () => ({}),
  writer: () => ({ now: new Date().toISOString(), actor: 'bench', replica: 'bench' }),
  log: silentLog(),
});
const mem = () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { rssMb: Number((m.rss / 2 ** 20).toFixed(1)), heapUsedMb: Number((m.heapUsed / 2 ** 20).toFixed(1)) };
};
const round = async (label) => {
  const now = new Date().toISOString();
  for (let b = 0; b < count; b += 500) {
    await immediate(db, async (trx) => {
      for (let k = b; k < Math.min(b + 500, count); k += 1)
        await enqueueJob(trx, now, { kind: 'work', runAt: now, idempotencyKey: `${label}-${k}`, payload: { n: k } });
    });
  }
  const t0 = process.hrtime.bigint();
  const summary = await runner.drain();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { label, ...summary, ms: Math.round(ms), jobsPerSecond: Math.round((summary.done / ms) * 1000), ...mem() };
};
const before = mem();
const first = await round('a');
const second = await round('b');
await opened.close();
rmSync(home, { recursive: true, force: true });
console.log(
  JSON.stringify(
    {
      node: process.version,
      gcExposed: Boolean(globalThis.gc),
      jobsPerRound: count,
      before,
      first,
      second,
      heapGrowthMb: Number((second.heapUsedMb - first.heapUsedMb).toFixed(1)),
    },
    null,
    2,
  ),
);
