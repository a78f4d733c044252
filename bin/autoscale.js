#!/usr/bin/env node
// The launcher only: everything else lives in dist/ (built by `npm install` through `prepare`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('Error: autoscale is not built. Fix: run `npm install` (or `npm run build`) in the package folder.\n');
  process.exit(1);
}
const { main } = await import(entry.href);
const code = await main({ argv: process.argv, env: process.env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
process.exitCode = code;
