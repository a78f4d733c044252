// Publish overhead over the raw HTTP round trip: the same feed post sent (a) with a bare
// fetch to the loopback Graph API, (b) through publishPost() — lease, intent transaction,
// typed client (breaker, usage parsing), success transaction, audit rows.
// Run: npm run build && node bench/publish-overhead.js [iterations]
import { loadavg } from 'node:os';
import { rmSync } from 'node:fs';
import { publishPost } from '../dist/src/publish/publish-service.js';
import { startMiniGraph, percentile } from './lib/mini-graph.js';
import { benchHome, addApproved } from './lib/bench-home.js';

const N = Number(process.argv[2] ?? 200);
const graph = await startMiniGraph({ latencyMs: 0 });
const { home, deps, opened } = await benchHome(graph);
const past = new Date(Date.now() - 60_000).toISOString();

const raw = [];
for (let i = 0; i < N + 20; i += 1) {
  const t = performance.now();
  const res = await fetch(`${graph.url}/v25.0/${graph.pageId}/feed?access_token=${graph.token}`, {
    method: 'POST',
    body: new URLSearchParams({ message: `raw ${i}` }),
  });
  await res.json();
  if (i >= 20) raw.push(performance.now() - t);
}

const ids = [];
for (let i = 0; i < N + 20; i += 1) ids.push(await addApproved(deps, { text: `service ${i}`, at: past, image: false }));
const full = [];
for (let i = 0; i < ids.length; i += 1) {
  const t = performance.now();
  const out = await publishPost(deps, ids[i], { now: true });
  if (out.action !== 'published') throw new Error(`unexpected ${out.action}`);
  if (i >= 20) full.push(performance.now() - t);
}

const ms = (x) => Number(x.toFixed(2));
const summary = (xs) => ({ p50: ms(percentile(xs, 50)), p95: ms(percentile(xs, 95)), p99: ms(percentile(xs, 99)) });
const result = {
  bench: 'publish-overhead',
  iterations: N,
  rawHttpMs: summary(raw),
  publishPostMs: summary(full),
  overheadP50Ms: ms(percentile(full, 50) - percentile(raw, 50)),
  overheadP95Ms: ms(percentile(full, 95) - percentile(raw, 95)),
  loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
  node: process.version,
};
console.log(JSON.stringify(result, null, 2));
await opened.close();
await graph.close();
rmSync(home, { recursive: true, force: true });
