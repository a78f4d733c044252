// Slot accuracy in queue mode: how late after its slot does a post reach the Page?
// A daemon-like loop uses the publish services exactly as the daemon will: sleep until
// nextDueAt(), then publishDue(). Lateness = time the (loopback) Graph API received the post
// minus the slot. Target: p99 ≤ 60 s. Run: npm run build && node bench/publish-slot-accuracy.js [posts]
import { loadavg } from 'node:os';
import { rmSync } from 'node:fs';
import { nextDueAt } from '../dist/src/publish/overview.js';
import { publishDue } from '../dist/src/publish/publish-service.js';
import { startMiniGraph, percentile } from './lib/mini-graph.js';
import { benchHome, addApproved } from './lib/bench-home.js';

const N = Number(process.argv[2] ?? 40);
const SPACING_MS = 1_000;
const graph = await startMiniGraph({ latencyMs: 40 });
const { home, deps, opened } = await benchHome(graph);

const start = Date.now() + 3_000;
const slots = new Map();
for (let i = 0; i < N; i += 1) {
  // Spacing plus up to ±400 ms of jitter, so slots do not fall on round ticks.
  const at = new Date(start + i * SPACING_MS + Math.floor((Math.random() - 0.5) * 800));
  const text = `Slot bench ${i}: ${at.toISOString()}`;
  await addApproved(deps, { text, at: at.toISOString(), image: i % 4 === 0 });
  slots.set(text, at.getTime());
}

const deadline = start + N * SPACING_MS + 30_000;
while (graph.posts.length < N && Date.now() < deadline) {
  const next = await nextDueAt(deps);
  const wait = next ? Math.max(0, Math.min(next.getTime() - Date.now(), 5_000)) : 1_000;
  await new Promise((r) => setTimeout(r, wait));
  await publishDue(deps);
}

const lateness = graph.posts.map((p) => p.receivedAt - slots.get(p.message));
const early = lateness.filter((x) => x < 0).length;
const result = {
  bench: 'publish-slot-accuracy',
  posts: N,
  published: graph.posts.length,
  earlyPosts: early,
  latenessMs: {
    p50: percentile(lateness, 50),
    p95: percentile(lateness, 95),
    p99: percentile(lateness, 99),
    max: Math.max(...lateness),
  },
  targetP99Ms: 60_000,
  pass: graph.posts.length === N && early === 0 && percentile(lateness, 99) <= 60_000,
  graphLatencyMs: 40,
  loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
  node: process.version,
};
console.log(JSON.stringify(result, null, 2));
await opened.close();
await graph.close();
rmSync(home, { recursive: true, force: true });
process.exitCode = result.pass ? 0 : 1;
