// `autoscale generate --type case_study` through the built CLI as a user runs it, against
// loopback fakes of the Messages API and of OpenAI images that each take 800 ms to answer.
// Compared with one round trip to the text fake (measured from here, in the same run) and with
// `node -e 0`. Scenarios: with the image (the picture is asked for alongside the variants) and
// with --no-image, each with the independent LLM judge (the default: a second round trip that
// reads the writer's draft) and with `quality.judge: deterministic` (one round trip). Every run starts from a fresh home (the similarity check then has no past
// post to object to, as on a new Page). Run: npm run build && node bench/generate-cli.js
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticPhoto } from './lib/synthetic-photo.js';
import { BIN, NOW, bareNode, cli, load, stats, tempHome } from './lib/cli-bench.js';
import { loadFakes, variedAnswer } from './content-fakes.js';

const RUNS = Number(process.env.RUNS ?? 5);
const LATENCY = Number(process.env.LATENCY ?? 800);

const fakes = await loadFakes();
const text = await fakes.anthropic.startAnthropicFake({ latencyMs: LATENCY, answer: await variedAnswer() });
const images = await fakes.images.startOpenAIImagesFake(await syntheticPhoto());
images.setLatency(LATENCY);
const env = {
  ANTHROPIC_API_KEY: 'sk-ant-bench',
  ANTHROPIC_BASE_URL: text.url,
  OPENAI_API_KEY: fakes.images.FAKE_OPENAI_KEY,
  OPENAI_BASE_URL: images.url,
};

/** Spawned without blocking this process: the fakes answer from its event loop. */
const run = (home, args) =>
  new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: home,
        AUTOSCALE_HOME: home,
        LANG: 'en_US.UTF-8',
        NO_COLOR: '1',
        TZ: 'UTC',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('close', (code) => resolve({ code, ms: Number(process.hrtime.bigint() - start) / 1e6, out, err }));
  });

const roundTrip = async () => {
  const start = process.hrtime.bigint();
  const r = await fetch(`${text.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-bench', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'x' }] }),
  });
  await r.text();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

const scenario = async (label, extra, { judge = 'llm', chain = 2 } = {}) => {
  const before = load();
  const gen = [];
  const trips = [];
  const node = [];
  let checked;
  for (let i = 0; i < RUNS + 1; i += 1) {
    const home = tempHome('gen');
    cli(home, ['init', '--yes']);
    cli(home, ['config', 'set', 'providers.embeddings.provider', 'local']);
    if (judge !== 'llm') cli(home, ['config', 'set', 'quality.judge', judge]);
    // A home in use: `init` has created and migrated its store (since 2026-12-07; before, the first
    // command did), and one command has run in it, as in the runs recorded before.
    cli(home, ['status']);
    const trip = await roundTrip();
    const r = await run(home, ['--now', NOW, 'generate', '--type', 'case_study', '--json', ...extra]);
    if (r.code !== 0) throw new Error(`generate failed:\n${r.err}`);
    const post = JSON.parse(r.out);
    checked = { variants: post.variants?.length, image: post.image?.provider ?? null, state: post.state };
    const bare = bareNode().ms;
    rmSync(home, { recursive: true, force: true });
    if (i === 0) continue; // warm-up (file cache, fakes)
    gen.push(r.ms);
    trips.push(trip);
    node.push(bare);
  }
  const g = stats(gen);
  const t = stats(trips);
  return {
    scenario: label,
    generateMs: g,
    roundTripMs: t,
    nodeMs: stats(node),
    judge,
    overRoundTrip: Math.round((g.median / t.median) * 100) / 100,
    // The round trips that depend on each other: the writer, then (LLM judge) the judge reading its draft.
    dependentRoundTrips: chain,
    overDependentChain: Math.round((g.median / (chain * t.median)) * 100) / 100,
    post: checked,
    load: { before, after: load() },
  };
};

try {
  const results = [
    await scenario('image in parallel, LLM judge', []),
    await scenario('--no-image, LLM judge', ['--no-image']),
    await scenario('image in parallel, deterministic judge', [], { judge: 'deterministic', chain: 1 }),
    await scenario('--no-image, deterministic judge', ['--no-image'], { judge: 'deterministic', chain: 1 }),
  ];
  const out = JSON.stringify(
    {
      bench: 'generate-cli',
      node: process.version,
      latencyMs: LATENCY,
      runs: RUNS,
      target: '<= 1.5 × one round trip',
      results,
    },
    null,
    2,
  );
  console.log(out);
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(
    join(
      import.meta.dirname,
      'results',
      `generate-cli-${new Date().toISOString().slice(0, 16).replace(/:/g, '')}.json`,
    ),
    out,
  );
} finally {
  await text.close();
  await images.close();
}
