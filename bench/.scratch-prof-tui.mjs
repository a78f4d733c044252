import { BIN, inPty, NOW, seedHome } from './tui-common.js';
const { home, cleanup } = await seedHome(500);
const fullFrame = (s) => /Review 1\/500[\s\S]*\[1\] professional[\s\S]*\? help/.test(s);
for (let i = 0; i < 2; i++) {
  const pty = inPty([process.execPath, '--cpu-prof', '--cpu-prof-dir', '/tmp/i18/tuiprof', BIN, 'review', '--now', NOW], home);
  await pty.waitFor(fullFrame);
  pty.type('q');
  await new Promise((r) => pty.child.once('exit', r));
}
cleanup();
