import { BIN, inPty, NOW, seedHome } from './tui-common.js';
const { home, cleanup } = await seedHome(500);
for (let i = 0; i < 2; i++) {
  const pty = inPty([process.execPath, '--cpu-prof', '--cpu-prof-dir=/tmp/tuiprof', BIN, 'review', '--now', NOW], home);
  const t0 = performance.now();
  await pty.waitFor((s) => /Review 1\/500[\s\S]*\? help/.test(s));
  console.log('frame', performance.now() - t0);
  await pty.stop();
}
await cleanup();
