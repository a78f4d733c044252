// Keystroke-to-frame latency of `autoscale review` (500 posts queued) in a real pty: time from
// writing a key to the pty until the frame showing its effect arrives. Target: under 50 ms.
// Usage: node bench/tui-keys.js [presses=60] [posts=500]
import { performance } from 'node:perf_hooks';
import { BIN, inPty, NOW, seedHome, stats } from './tui-common.js';

const presses = Number(process.argv[2] ?? 60);
const posts = Number(process.argv[3] ?? 500);
const { home, cleanup } = await seedHome(posts);
const switching = [];
const typing = [];
const skipping = [];
try {
  const pty = inPty([process.execPath, BIN, 'review', '--now', NOW], home, { columns: 80, rows: 24 });
  await pty.waitFor((s) => new RegExp(`Review 1/${posts}[\\s\\S]*\\[1\\] professional[\\s\\S]*\\? help`).test(s));
  // Variant switch: 2 and 1 alternately; the tab label in brackets shows which one is drawn.
  for (let i = 0; i < presses; i += 1) {
    const [key, expected] = i % 2 === 0 ? ['2', '[2 storytelling'] : ['1', '[1 professional'];
    const from = pty.mark();
    const t0 = performance.now();
    pty.type(key);
    switching.push((await pty.waitFor((s) => s.includes(expected), from)) - t0);
  }
  // Skip: loads the next post of the queue from the store and draws it.
  for (let i = 0; i < Math.min(presses, 40); i += 1) {
    const from = pty.mark();
    const t0 = performance.now();
    pty.type('s');
    skipping.push(
      (await pty.waitFor((s) => new RegExp(`Review ${i + 2}/${posts}[\\s\\S]*#${i + 1}\\b`).test(s), from)) - t0,
    );
  }
  // Typing in the inline editor: each character must appear on screen.
  pty.type('e');
  await pty.waitFor((s) => s.includes('Editing variant'), 0);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < presses; i += 1) {
    const from = pty.mark();
    const t0 = performance.now();
    const ch = letters[i % letters.length];
    pty.type(ch);
    typing.push((await pty.waitFor((s) => s.includes(`chars`) && s.includes(ch), from)) - t0);
  }
  pty.type('\u001b');
  await pty.stop();
} finally {
  cleanup();
}
const result = {
  posts,
  variantSwitchMs: stats(switching),
  skipToNextPostMs: stats(skipping),
  editorKeystrokeMs: stats(typing),
  targetMs: 50,
};
console.log(JSON.stringify(result, null, 2));
if (Math.max(result.variantSwitchMs.p95, result.editorKeystrokeMs.p95) >= 50) process.exitCode = 1;
