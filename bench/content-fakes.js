// Compiles the loopback fakes (test/fakes/*.ts) for the plain-node benches.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
export const loadFakes = async () => {
  const out = join(root, 'bench', '.fakes');
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      join(root, 'test', 'fakes', 'anthropic-fake.ts'),
      join(root, 'test', 'fakes', 'openai-chat-fake.ts'),
      '--outDir',
      out,
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2023',
      '--skipLibCheck',
      '--types',
      'node',
      '--rootDir',
      join(root, 'test', 'fakes'),
    ],
    { stdio: 'inherit' },
  );
  return {
    anthropic: await import(join(out, 'anthropic-fake.js')),
    openai: await import(join(out, 'openai-chat-fake.js')),
  };
};

/** A fresh store and ServiceDeps, as the CLI builds them. */
export const benchDeps = async (tweak = () => undefined) => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { resolveHome } = await import('../dist/src/config/home.js');
  const { buildInitialConfig } = await import('../dist/src/services/init-service.js');
  const { loadEnvironment } = await import('../dist/src/config/secrets.js');
  const { openDatabase } = await import('../dist/src/store/database.js');
  const home = mkdtempSync(join(tmpdir(), 'autoscale-bench-'));
  const paths = resolveHome(home, {});
  const opened = await openDatabase(paths.database);
  const config = buildInitialConfig({});
  tweak(config);
  const clock = { now: () => new Date('2026-11-24T15:00:00Z') };
  const deps = {
    db: opened.db,
    config,
    brandSlug: config.currentBrand,
    brand: config.brands[config.currentBrand],
    clock,
    env: loadEnvironment(paths.env, {}),
    paths,
    writer: () => ({ now: clock.now().toISOString(), actor: 'bench@local', replica: 'bench' }),
  };
  return {
    deps,
    opened,
    close: async () => {
      await opened.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
};

/** Distinct, clean answers (two clean corpus texts each), so no post looks like the last one. */
export const variedAnswer = async () => {
  const { readFileSync } = await import('node:fs');
  const clean = JSON.parse(
    readFileSync(join(root, 'test', 'fixtures', 'lint-corpus', 'dev', 'fr-clean.json'), 'utf8'),
  ).map((x) => x.text);
  let n = 0;
  const { DEFAULT_VERDICT: verdict, DEFAULT_PLAN: plan } = await import(
    join(root, 'bench', '.fakes', 'anthropic-fake.js')
  );
  return (body) => {
    const schema = body?.output_config?.format?.schema ?? body?.tools?.[0]?.input_schema;
    if (schema?.properties?.naturalness) return verdict;
    const i = n++;
    // Two clean posts and a closing question: a draft that passes the gate on the first round,
    // so the figures measure one writer call and one judge call per variant, not rewrites.
    const text = `${clean[i % clean.length]}\n\n${clean[(i * 7 + 3) % clean.length]}\n\nEt chez vous, qui répond au téléphone après 17 h ?`;
    return { plan, text, headline: 'Un appel sans réponse' };
  };
};
