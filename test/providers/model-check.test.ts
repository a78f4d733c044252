import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../src/config/secrets.js';
import { textModelCheck } from '../../src/providers/model-check.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { startOpenAIChatFake, type OpenAIFake } from '../fakes/openai-chat-fake.js';

let fake: AnthropicFake;
let openai: OpenAIFake;
beforeAll(async () => {
  fake = await startAnthropicFake({ models: ['claude-sonnet-4-6', 'claude-sonnet-4-5', 'claude-opus-4-8'] });
  openai = await startOpenAIChatFake();
});
afterAll(async () => {
  await fake.close();
  await openai.close();
});

const run = async (model: string, env: Record<string, string>) => {
  const config = buildInitialConfig({});
  config.providers.text.model = model;
  const results = await textModelCheck(
    {
      env: loadEnvironment('/nonexistent/.env', env),
      clock: { now: () => new Date('2026-11-25T12:00:00Z') },
      paths: {} as never,
      nodeVersion: 'v20.20.0',
    },
    config,
  );
  return Object.fromEntries(results.map((r) => [r.id, r]));
};

describe('doctor: configured text model', () => {
  it('accepts a current model the endpoint lists', async () => {
    const r = await run('claude-sonnet-4-6', { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: fake.url });
    expect(r['text-model']?.status).toBe('ok');
    expect(r['text-model-deprecated']).toBeUndefined();
    expect(fake.requests.at(-1)?.path).toBe('/v1/models');
  });

  it('warns about a deprecated model, with the fix', async () => {
    const r = await run('claude-sonnet-4-5', { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: fake.url });
    expect(r['text-model-deprecated']?.status).toBe('warn');
    expect(r['text-model-deprecated']?.message.en).toMatch(/2026-11-30/);
    expect(r['text-model-deprecated']?.fix?.en).toMatch(/claude-sonnet-4-6/);
  });

  it('warns about a model GET /v1/models does not list, and about a missing price', async () => {
    const r = await run('claude-imaginary-9', { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: fake.url });
    expect(r['text-model']?.status).toBe('warn');
    expect(r['text-model']?.fix?.en).toMatch(/claude-sonnet-4-6/);
    expect(r['text-model-price']?.status).toBe('warn');
  });

  it('checks the OpenAI-compatible model when only OPENAI_API_KEY is set', async () => {
    const r = await run('claude-sonnet-4-6', { OPENAI_API_KEY: 'sk-openai', OPENAI_BASE_URL: openai.url });
    expect(r['text-model']).toMatchObject({ status: 'ok' });
    expect(r['text-model']?.message.en).toMatch(/openai serves gpt-5-mini/);
  });

  it('says nothing to check offline', async () => {
    expect(await run('claude-sonnet-4-6', {})).toEqual({});
  });
});
