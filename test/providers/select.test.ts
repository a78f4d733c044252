import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../src/config/secrets.js';
import { KIE_BASE_URL, claudeEndpoint, selectEmbeddings, selectTextProvider } from '../../src/providers/select.js';
import { buildInitialConfig } from '../../src/services/init-service.js';

const env = (vars: Record<string, string>) => loadEnvironment('/nonexistent/.env', vars);

describe('text provider selection', () => {
  it('stays offline with no key, and says why', () => {
    const s = selectTextProvider(buildInitialConfig({}), env({}));
    expect(s.provider.id).toBe('offline');
    expect(s.reason.en).toMatch(/no ANTHROPIC_API_KEY/);
  });

  it('prefers ANTHROPIC_API_KEY, with ANTHROPIC_BASE_URL or config baseUrl', () => {
    const config = buildInitialConfig({});
    expect(
      selectTextProvider(config, env({ ANTHROPIC_API_KEY: 'k', KIE_API_KEY: 'kie', OPENAI_API_KEY: 'o' })).provider,
    ).toMatchObject({ id: 'anthropic', model: 'claude-sonnet-4-6' });
    expect(
      claudeEndpoint(config, env({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' }))?.baseURL,
    ).toBe('http://127.0.0.1:9');
    config.providers.text.baseUrl = 'http://127.0.0.1:8';
    expect(
      claudeEndpoint(config, env({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' }))?.baseURL,
    ).toBe('http://127.0.0.1:8');
  });

  it('uses kie.ai with bearer auth for KIE_API_KEY or its alias KAI_API_KEY', () => {
    const config = buildInitialConfig({});
    expect(claudeEndpoint(config, env({ KIE_API_KEY: 'kie' }))).toMatchObject({
      id: 'kie',
      authToken: 'kie',
      baseURL: KIE_BASE_URL,
      keyName: 'KIE_API_KEY',
    });
    expect(claudeEndpoint(config, env({ KAI_API_KEY: 'kai' }))).toMatchObject({
      id: 'kie',
      authToken: 'kai',
      keyName: 'KAI_API_KEY',
    });
    expect(selectTextProvider(config, env({ KAI_API_KEY: 'kai' })).provider.id).toBe('kie');
    config.providers.text.provider = 'kie';
    expect(selectTextProvider(config, env({ ANTHROPIC_API_KEY: 'k', KIE_API_KEY: 'kie' })).provider.id).toBe('kie');
  });

  it('falls back to an OpenAI-compatible endpoint, and honours provider = offline', () => {
    const config = buildInitialConfig({});
    expect(
      selectTextProvider(config, env({ OPENAI_API_KEY: 'o', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' })).provider,
    ).toMatchObject({ id: 'openai', model: 'gpt-5-mini' });
    config.providers.text.provider = 'offline';
    expect(selectTextProvider(config, env({ ANTHROPIC_API_KEY: 'k' })).provider.id).toBe('offline');
  });

  it('names a forced provider whose key is missing', () => {
    const config = buildInitialConfig({});
    config.providers.text.provider = 'anthropic';
    const s = selectTextProvider(config, env({ OPENAI_API_KEY: 'o' }));
    expect(s.provider.id).toBe('offline');
    expect(s.reason.en).toMatch(/providers.text.provider = anthropic, but its key is not set/);
  });

  it('embeddings only with an OpenAI key and not when set to local', () => {
    const config = buildInitialConfig({});
    expect(selectEmbeddings(config, env({}))).toBeUndefined();
    expect(selectEmbeddings(config, env({ OPENAI_API_KEY: 'o' }))?.model).toBe('text-embedding-3-small');
    config.providers.embeddings.provider = 'local';
    expect(selectEmbeddings(config, env({ OPENAI_API_KEY: 'o' }))).toBeUndefined();
  });
});
