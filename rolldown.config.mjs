// Bundles the compiled CLI (dist/src) into dist/bundle: the entry and one `startup` chunk hold the
// command definitions, commander and what they import; each command's handler, with the
// libraries it needs (Kysely, zod, Ink, React…), is a chunk loaded on demand. Loading a few
// chunks instead of hundreds of ES modules is most of autoscale's start-up time
// (docs/PERFORMANCE.md). The Anthropic and OpenAI SDKs are bundled too (chunks loaded on the
// first paid call): from node_modules they were ~450 ES modules and ≈ 180 ms before a
// generation's first request. Native addons and the libraries of other paths (Supabase, Slack,
// SMTP…) stay external and load from node_modules as usual. NOMIN=1 keeps names readable
// (profiling).
import { defineConfig } from 'rolldown';
import { writeFileSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const EXTERNAL = [
  'better-sqlite3',
  'sharp',
  'pg',
  'pg-native',
  'pino',
  'thread-stream',
  '@sentry/node',
  'nodemailer',
  '@supabase/supabase-js',
  '@electric-sql/pglite',
  'opentype.js',
  'node-cron',
  'opossum',
  'smtp-server',
  '@slack/web-api',
  '@slack/socket-mode',
  'undici',
];

// Chunk names carry a content hash and rolldown does not clean its output: without this, every
// build would leave the previous chunks behind.
rmSync('dist/bundle/chunks', { recursive: true, force: true });
mkdirSync('dist/bundle', { recursive: true });
const devtoolsStub = 'dist/bundle/devtools-stub.js';
// Ink loads React devtools only when DEV=true; the bundle leaves them out.
writeFileSync(devtoolsStub, 'export default {};\n');

// The modules every command loads before it runs (the entry's static imports, followed
// transitively): one chunk rather than a dozen small shared ones, each of which costs Node a
// resolution, a read and a compile at start-up.
const staticClosure = (entry) => {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^(?:import|export)\s[^;]*?from\s*['"](\.[^'"]+)['"]/gm))
      visit(resolve(dirname(file), m[1]));
    for (const m of source.matchAll(/^import\s*['"](\.[^'"]+)['"]/gm)) visit(resolve(dirname(file), m[1]));
  };
  visit(resolve(entry));
  return seen;
};
const startup = staticClosure('dist/src/main/main.js');
// What `generate` loads before its requests leave (its handler's static imports), also as one
// chunk: 36 modules instead of 80 for a generation, 25-40 ms sooner to its first request
// (interleaved runs); the other commands that share some of these modules load this chunk
// instead of a few small ones, measured no slower (status, list, report, costs, lint, the studio).
const generate = staticClosure('dist/src/cli/handlers/generate-handler.js');

export default defineConfig({
  input: { main: 'dist/src/main/main.js' },
  platform: 'node',
  external: (id) => id.startsWith('node:') || EXTERNAL.some((name) => id === name || id.startsWith(`${name}/`)),
  resolve: { alias: { 'react-devtools-core': new URL(devtoolsStub, import.meta.url).pathname } },
  transform: { define: { 'process.env.NODE_ENV': '"production"' } },
  output: {
    dir: 'dist/bundle',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    minify: process.env.NOMIN ? false : true,
    codeSplitting: {
      groups: [
        { name: 'startup', test: (id) => startup.has(id) || /node_modules\/commander\//.test(id), priority: 2 },
        { name: 'generate', test: (id) => generate.has(id), priority: 1 },
      ],
    },
  },
  logLevel: 'warn',
});
