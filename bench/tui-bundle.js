// Bundles the studio (Ink, React and src/tui) into dist/src/tui/studio.bundle.js, which the
// review command loads instead of the separate files when it is newer than them.
// Needs rolldown (present through vitest's toolchain); without it the studio loads unbundled.
// Usage: node bench/tui-bundle.js   (after `npx tsc -p tsconfig.build.json`)
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(import.meta.dirname, '..');
const TUI = join(ROOT, 'dist', 'src', 'tui');
const EMPTY = join(TUI, 'studio.devtools-stub.js');
writeFileSync(EMPTY, '// Ink loads React devtools only when DEV=true; the bundle leaves them out.\nexport default {};\n');

let rolldown;
try {
  rolldown = await import('rolldown');
} catch {
  console.error('rolldown is not installed: the studio will load unbundled.');
  process.exit(0);
}
const t0 = performance.now();
await rolldown.build({
  input: join(TUI, 'studio-entry.js'),
  platform: 'node',
  resolve: { alias: { 'react-devtools-core': EMPTY } },
  transform: { define: { 'process.env.NODE_ENV': '"production"' } },
  plugins: [
    {
      // Our own modules outside src/tui stay shared with the rest of the CLI (one copy of the
      // error classes, so `instanceof` still works on what the services throw).
      name: 'keep-cli-modules-external',
      resolveId(source, importer) {
        if (!importer || !source.startsWith('.')) return null;
        const target = resolve(dirname(importer), source);
        if (target.startsWith(join(ROOT, 'dist', 'src') + sep) && !target.startsWith(TUI + sep)) return { id: target, external: true };
        return null;
      },
    },
  ],
  external: [/^node:/, 'better-sqlite3'],
  output: { file: join(TUI, 'studio.bundle.js'), format: 'esm', codeSplitting: false },
  logLevel: 'warn',
});
console.log(`dist/src/tui/studio.bundle.js written in ${Math.round(performance.now() - t0)} ms`);
