#!/usr/bin/env node
// The launcher only. `npm install` builds dist/ (through `prepare`): the minified bundle when it
// exists (fast start-up), else the compiled modules. AUTOSCALE_NO_BUNDLE=1 forces the modules,
// whose stack traces (--verbose) keep readable names and paths.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const modules = new URL('../dist/src/main/main.js', import.meta.url);
const entry = existsSync(bundle) && !process.env.AUTOSCALE_NO_BUNDLE ? bundle : modules;
if (!existsSync(entry)) {
  process.stderr.write(
    'Error: autoscale is not built. Fix: run `npm install` (or `npm run build`) in the package folder.\n',
  );
  process.exit(1);
}
// Everything autoscale writes in its home (database and WAL, media, config, logs) is private,
// whatever umask the shell or the service manager left: the code also gives explicit modes.
process.umask(0o077);
// `autoscale list | head`: a closed pipe ends the output quietly, as for any Unix tool.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import(entry.href);
const code = await main({
  argv: process.argv,
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
process.exitCode = code;
