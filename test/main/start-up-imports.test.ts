import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// What a module loads before its first line runs is its static imports, transitively. These
// guards keep the heavy parts off the paths where they cost start-up time (docs/PERFORMANCE.md):
// each was once found there, and each cost tens of milliseconds per command.
const root = resolve(import.meta.dirname, '../..');

/** Runtime (non-type) imports of a TypeScript module: relative files and package names. */
const importsOf = (file: string): { files: string[]; packages: string[] } => {
  const source = readFileSync(file, 'utf8');
  const files: string[] = [];
  const packages: string[] = [];
  const pattern = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;
  for (const [, spec] of source.matchAll(pattern)) {
    if (spec!.startsWith('.')) files.push(resolve(dirname(file), spec!.replace(/\.js$/, '.ts')));
    else if (!spec!.startsWith('node:'))
      packages.push(spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!);
  }
  return { files, packages };
};

/** Every module and package reached by static imports from `entry`, with one path to each. */
const staticClosure = (entry: string) => {
  const via = new Map<string, string | null>([[entry, null]]);
  const packages = new Map<string, string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    const { files, packages: pkgs } = importsOf(file);
    for (const p of pkgs) if (!packages.has(p)) packages.set(p, file);
    for (const f of files) {
      if (via.has(f)) continue;
      via.set(f, file);
      queue.push(f);
    }
  }
  const chain = (file: string): string => {
    const steps: string[] = [];
    for (let f: string | null | undefined = file; f; f = via.get(f)) steps.unshift(relative(root, f));
    return steps.join(' → ');
  };
  return { modules: new Set(via.keys()), packages, chain };
};

describe('start-up imports', () => {
  it('every command’s entry loads no schema library, text-width tables, SDK, UI or database code', () => {
    const { packages, chain } = staticClosure(join(root, 'src/main/main.ts'));
    const heavy = [
      'zod',
      'string-width',
      'wrap-ansi',
      '@anthropic-ai/sdk',
      'openai',
      'sharp',
      'ink',
      'react',
      'better-sqlite3',
      'kysely',
    ];
    const found = heavy.filter((p) => packages.has(p)).map((p) => `${p} via ${chain(packages.get(p)!)}`);
    expect(found).toEqual([]);
  });

  it('`generate` sends its requests before loading the linter’s catalogue, the SDKs or the image libraries', () => {
    const { modules, packages, chain } = staticClosure(join(root, 'src/cli/handlers/generate-handler.ts'));
    const engine = join(root, 'src/content/lint/engine.ts');
    expect(modules.has(engine) ? chain(engine) : null).toBeNull();
    const heavy = ['@anthropic-ai/sdk', 'openai', 'sharp', 'opentype.js'];
    expect(heavy.filter((p) => packages.has(p)).map((p) => `${p} via ${chain(packages.get(p)!)}`)).toEqual([]);
  });
});
