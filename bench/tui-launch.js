// Launch to first full frame of `autoscale review` with 500 posts in the queue, in a real pty.
// Target: 300 ms (issue 18). Usage: node bench/tui-launch.js [runs=10] [posts=500]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BIN, inPty, NOW, seedHome, stats, treeCpuMs } from './tui-common.js';

const runs = Number(process.argv[2] ?? 10);
const posts = Number(process.argv[3] ?? 500);
const { home, cleanup } = await seedHome(posts);
// A full frame: the queue position (all posts loaded), then the first post's text, then the
// help bar that closes the frame (a "Loading…" frame before it does not count).
const fullFrame = (s) => new RegExp(`Review 1/${posts}[\\s\\S]*\\[1\\] professional[\\s\\S]*\\? help`).test(s);
const launch = [];
const cpu = [];
const bareNode = [];
const bareCpu = [];
try {
  for (let i = 0; i < runs + 1; i += 1) {
    const t0 = performance.now();
    const pty = inPty([process.execPath, BIN, 'review', '--now', NOW], home);
    const t1 = await pty.waitFor(fullFrame);
    const used = treeCpuMs(pty.child.pid);
    await pty.stop();
    if (i > 0) {
      // The first run warms the file cache.
      launch.push(t1 - t0);
      cpu.push(used);
    }
    const b0 = performance.now();
    const bare = inPty([process.execPath, '-e', 'process.stdout.write("ready\\n")'], home);
    const b1 = await bare.waitFor((s) => s.includes('ready'));
    const bareUsed = treeCpuMs(bare.child.pid);
    await bare.stop();
    if (i > 0) {
      bareNode.push(b1 - b0);
      bareCpu.push(bareUsed);
    }
  }
} finally {
  cleanup();
}
const load = (await import('node:os')).loadavg()[0];
const result = {
  posts,
  loadAverage1m: +load.toFixed(2),
  launchToFirstFullFrameMs: stats(launch),
  cpuToFirstFullFrameMs: stats(cpu),
  bareNodeInPtyMs: stats(bareNode),
  bareNodeCpuMs: stats(bareCpu),
  targetMs: 300,
};
console.log(JSON.stringify(result, null, 2));
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  join(import.meta.dirname, 'results', `tui-launch-${new Date().toISOString().slice(0, 16).replace(/:/g, '')}.json`),
  JSON.stringify({ node: process.version, ...result }, null, 2),
);
