import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_OPENAI_KEY, startOpenAIImagesFake, type OpenAIImagesFake } from '../fakes/openai-images-fake.js';
import { json, runCli, runCliCollect, tempHome } from '../helpers/cli.js';
import { syntheticPhoto } from '../helpers/images.js';

describe('autoscale image (built CLI), offline', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());

  it('generate makes a 1200×630 branded card; --no-image skips it; image makes and shows it', async () => {
    expect(runCli(['init', '--yes'], { home: home.dir }).code).toBe(0);
    const gen = runCli(['generate', '--type', 'case_study', '--json'], { home: home.dir });
    expect(gen.code, gen.stderr).toBe(0);
    const post = json(gen);
    expect(post.image.provider).toBe('offline');
    expect(existsSync(post.image.path)).toBe(true);
    expect(post.image.path).toMatch(/media\/[0-9a-f]{64}\.png$/);
    const meta = await sharp(post.image.path).metadata();
    expect([meta.width, meta.height]).toEqual([1200, 630]);

    const bare = json(runCli(['generate', '--type', 'tip', '--no-image', '--json'], { home: home.dir }));
    expect(bare.image).toBeNull();
    const made = runCli(['image', bare.shortId, '--json'], { home: home.dir });
    expect(made.code, made.stderr).toBe(0);
    expect(json(made)).toMatchObject({
      width: 1200,
      height: 630,
      format: 'png',
      provider: 'offline',
      unchanged: false,
    });
    expect(json(runCli(['image', bare.shortId, '--json'], { home: home.dir })).unchanged).toBe(true);
    const shown = runCli(['show', bare.shortId], { home: home.dir });
    expect(shown.stdout).toContain(json(made).path);

    const human = runCli(['image', bare.shortId, '--regenerate', '--variant', '2', '--open'], { home: home.dir });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/PNG: .*\.png \(1200×630\)/);
    expect(human.stderr).toMatch(/No image viewer available here; the file is/);
  });

  it('--file: your own picture, and clear errors for bad files', async () => {
    const post = json(runCli(['generate', '--type', 'faq', '--json'], { home: home.dir }));
    const photo = join(home.dir, 'photo.jpg');
    writeFileSync(photo, await syntheticPhoto(1800, 1200, 'jpeg'));
    const ok = runCli(['image', post.shortId, '--file', photo, '--json'], { home: home.dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(json(ok).provider).toBe('file');

    const text = join(home.dir, 'notes.txt');
    writeFileSync(text, 'hello');
    const bad = runCli(['image', post.shortId, '--file', text], { home: home.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not an image/);
    const missing = runCli(['image', post.shortId, '--file', join(home.dir, 'nope.png')], { home: home.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
    // The post kept the picture from --file.
    expect(json(runCli(['show', post.shortId, '--json'], { home: home.dir })).image.provider).toBe('file');
  });

  it('a retired DALL·E model is refused by config set, and is a config error when written by hand', () => {
    const post = json(runCli(['generate', '--type', 'tip', '--no-image', '--json'], { home: home.dir }));
    const set = runCli(['config', 'set', 'providers.image.model', 'dall-e-3'], { home: home.dir });
    expect(set.code).toBe(2);
    expect(set.stderr).toMatch(/shut down.*gpt-image-2/s);
    const file = json(runCli(['config', 'path', '--json'], { home: home.dir })).config as string;
    const config = JSON.parse(readFileSync(file, 'utf8'));
    expect(config.providers.image.model).toBe('gpt-image-2');
    config.providers.image.model = 'dall-e-3';
    writeFileSync(file, JSON.stringify(config));
    const r = runCli(['image', post.shortId], {
      home: home.dir,
      env: { OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/gpt-image-2/);
    runCli(['config', 'set', 'providers.image.model', 'gpt-image-2'], { home: home.dir });
  });
});

describe('autoscale image (built CLI) with OpenAI on the loopback fake', () => {
  const home = tempHome();
  let fake: OpenAIImagesFake;
  let env: Record<string, string>;
  beforeAll(async () => {
    fake = await startOpenAIImagesFake(await syntheticPhoto());
    env = { OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: fake.url };
    expect(runCli(['init', '--yes'], { home: home.dir }).code).toBe(0);
    // The key is for images only here: the fake serves no chat completions.
    expect(runCli(['config', 'set', 'providers.text.provider', 'offline'], { home: home.dir }).code).toBe(0);
  });
  afterAll(async () => {
    await fake.close();
    home.cleanup();
  });

  it('generate pays for one picture and records it; a refused regenerate keeps the image', async () => {
    const gen = await runCliCollect(['generate', '--type', 'case_study', '--json'], home.dir, env);
    expect(gen.code, gen.stderr).toBe(0);
    const post = json(gen);
    expect(fake.requests).toHaveLength(1);
    expect(post.image).toMatchObject({
      provider: 'openai',
      model: 'gpt-image-2',
      width: 1200,
      height: 630,
      costUsd: 0.04,
    });
    expect(post.cost.imageUsd).toBe(0.04);

    fake.script({ kind: 'content_policy' });
    const refused = await runCliCollect(['image', post.shortId, '--regenerate'], home.dir, env);
    expect(refused.code).toBe(7);
    expect(refused.stderr).toMatch(/content policy/);
    expect(refused.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    const after = json(await runCliCollect(['show', post.shortId, '--json'], home.dir, env));
    expect(after.image.id).toBe(post.image.id);
  });

  it('a failing image step warns but keeps the generated post', async () => {
    fake.script({ kind: 'content_policy' });
    const gen = await runCliCollect(['generate', '--type', 'tip', '--json'], home.dir, env);
    expect(gen.code).toBe(0);
    expect(gen.stderr).toMatch(/post was saved but its image failed/);
    const post = json(gen);
    expect(post.image).toBeNull();
    expect(post.state).toBe('in_review');
  });
});
