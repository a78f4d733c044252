import type { Config } from '../config/schema.js';
import type { Environment } from '../config/secrets.js';
import { l, type Localized } from '../i18n/localized.js';
import { createAnthropicTextProvider } from './anthropic-text.js';
import { createOfflineTextProvider } from './offline-text.js';
import { createOpenAIEmbeddings, createOpenAITextProvider } from './openai-text.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry.js';
import type { EmbeddingProvider, TextProvider } from './types.js';

export interface Selected<T> {
  provider: T;
  /** Why this provider: shown to the user ("offline default: no ANTHROPIC_API_KEY…"). */
  reason: Localized;
}

export const KIE_BASE_URL = 'https://api.kie.ai/anthropic';

export const retryPolicyFrom = (config: Config, env: Environment): RetryPolicy => {
  const policy = defaultRetryPolicy(config.providers.text.maxRetries, config.providers.text.totalTimeoutMs);
  // Tests and benches shorten the backoff; never set in production.
  const min = Number(env.get('AUTOSCALE_RETRY_MIN_MS'));
  return Number.isFinite(min) && env.get('AUTOSCALE_RETRY_MIN_MS') !== undefined
    ? { ...policy, minTimeoutMs: min, maxTimeoutMs: Math.max(min, 1) * 8 }
    : policy;
};

export interface ClaudeEndpoint {
  id: 'anthropic' | 'kie';
  apiKey?: string | undefined;
  authToken?: string | undefined;
  baseURL: string | undefined;
  keyName: string;
}

/** Which Anthropic-compatible endpoint and credentials apply, if any. */
export const claudeEndpoint = (
  config: Config,
  env: Environment,
  force?: 'anthropic' | 'kie',
): ClaudeEndpoint | undefined => {
  const anthropicKey = env.get('ANTHROPIC_API_KEY');
  const kieKey = env.get('KIE_API_KEY') ?? env.get('KAI_API_KEY');
  const baseOverride = config.providers.text.baseUrl ?? env.get('ANTHROPIC_BASE_URL');
  const useKie = force === 'kie' || (force !== 'anthropic' && !anthropicKey && kieKey);
  if (useKie && kieKey) {
    return {
      id: 'kie',
      authToken: kieKey,
      baseURL: baseOverride ?? KIE_BASE_URL,
      keyName: env.get('KIE_API_KEY') ? 'KIE_API_KEY' : 'KAI_API_KEY',
    };
  }
  if (!useKie && anthropicKey)
    return { id: 'anthropic', apiKey: anthropicKey, baseURL: baseOverride, keyName: 'ANTHROPIC_API_KEY' };
  return undefined;
};

const none = (what: string): Localized =>
  l(
    `providers.text.provider = ${what}, but its key is not set.`,
    `providers.text.provider = ${what}, mais sa clé n’est pas définie.`,
  );

/**
 * Text provider from config and environment. `auto` picks Claude (ANTHROPIC_API_KEY, then
 * kie.ai), then an OpenAI-compatible endpoint, and falls back to the offline writer, saying so.
 */
export const selectTextProvider = (config: Config, env: Environment): Selected<TextProvider> => {
  const t = config.providers.text;
  const choice = t.provider;
  const retry = retryPolicyFrom(config, env);
  if (choice !== 'offline' && choice !== 'openai') {
    const endpoint = claudeEndpoint(config, env, choice === 'auto' ? undefined : choice);
    if (endpoint) {
      const mode =
        t.structuredOutput === 'auto' ? (endpoint.id === 'kie' ? 'tool' : 'json_schema') : t.structuredOutput;
      return {
        provider: createAnthropicTextProvider({
          id: endpoint.id,
          model: t.model,
          baseURL: endpoint.baseURL,
          apiKey: endpoint.apiKey,
          authToken: endpoint.authToken,
          timeoutMs: t.timeoutMs,
          retry,
          structuredMode: mode,
          creditUsd: config.prices.kieCreditUsd,
        }),
        reason: l(
          `${endpoint.id} ${t.model} (${endpoint.keyName}${endpoint.baseURL ? `, ${endpoint.baseURL}` : ''})`,
          `${endpoint.id} ${t.model} (${endpoint.keyName}${endpoint.baseURL ? `, ${endpoint.baseURL}` : ''})`,
        ),
      };
    }
    if (choice !== 'auto')
      return {
        provider: createOfflineTextProvider(),
        reason: l(`offline text provider: ${none(choice).en}`, `rédacteur hors ligne : ${none(choice).fr}`),
      };
  }
  const openaiKey = env.get('OPENAI_API_KEY');
  if ((choice === 'auto' || choice === 'openai') && openaiKey) {
    const baseURL = (choice === 'openai' ? t.baseUrl : undefined) ?? env.get('OPENAI_BASE_URL');
    return {
      provider: createOpenAITextProvider({
        model: t.openaiModel,
        apiKey: openaiKey,
        baseURL,
        timeoutMs: t.timeoutMs,
        retry,
      }),
      reason: l(
        `openai ${t.openaiModel} (OPENAI_API_KEY${baseURL ? `, ${baseURL}` : ''})`,
        `openai ${t.openaiModel} (OPENAI_API_KEY${baseURL ? `, ${baseURL}` : ''})`,
      ),
    };
  }
  return {
    provider: createOfflineTextProvider(),
    reason:
      choice === 'offline'
        ? l(
            'offline text provider (providers.text.provider = offline)',
            'rédacteur hors ligne (providers.text.provider = offline)',
          )
        : choice === 'openai'
          ? l(`offline text provider: ${none('openai').en}`, `rédacteur hors ligne : ${none('openai').fr}`)
          : l(
              'offline text provider (default: no ANTHROPIC_API_KEY, KIE_API_KEY or OPENAI_API_KEY configured)',
              'rédacteur hors ligne (par défaut : aucune clé ANTHROPIC_API_KEY, KIE_API_KEY ni OPENAI_API_KEY configurée)',
            ),
  };
};

/** Embeddings for similarity: OpenAI when a key is set (and not disabled), else none (local method). */
export const selectEmbeddings = (config: Config, env: Environment): EmbeddingProvider | undefined => {
  const e = config.providers.embeddings;
  const key = env.get('OPENAI_API_KEY');
  if (e.provider === 'local' || !key) return undefined;
  return createOpenAIEmbeddings({
    model: e.model,
    apiKey: key,
    baseURL: env.get('OPENAI_BASE_URL'),
    timeoutMs: config.providers.text.timeoutMs,
    retry: retryPolicyFrom(config, env),
  });
};
