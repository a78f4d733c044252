import type { Config } from '../config/schema.js';
import type { Environment } from '../config/secrets.js';
import { ConfigError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { createOfflineImageProvider } from './offline-image.js';
import { checkImageModel, createOpenAIImageProvider } from '../providers/openai-image.js';
import type { Selected } from '../providers/select.js';
import type { ImageProvider } from '../providers/types.js';

/**
 * Image provider from config and environment: `auto` uses OpenAI when OPENAI_API_KEY is set,
 * else the offline branded card, and says which.
 */
export const selectImageProvider = (config: Config, env: Environment): Selected<ImageProvider> => {
  const c = config.providers.image;
  const key = env.get('OPENAI_API_KEY');
  if (c.provider === 'offline' || (c.provider === 'auto' && !key)) {
    return {
      provider: createOfflineImageProvider(),
      reason:
        c.provider === 'offline'
          ? l(
              'offline branded card (providers.image.provider = offline)',
              'carte de marque hors ligne (providers.image.provider = offline)',
            )
          : l(
              'offline branded card (default: no OPENAI_API_KEY configured)',
              'carte de marque hors ligne (par défaut : aucune clé OPENAI_API_KEY configurée)',
            ),
    };
  }
  if (!key) {
    throw new ConfigError(
      l(
        'providers.image.provider is openai but OPENAI_API_KEY is not set.',
        'providers.image.provider vaut openai mais OPENAI_API_KEY n’est pas définie.',
      ),
      {
        code: 'missing_openai_key',
        fix: l(
          'Add OPENAI_API_KEY=… to <home>/.env, or: autoscale config set providers.image.provider auto',
          'Ajoutez OPENAI_API_KEY=… dans <home>/.env, ou : autoscale config set providers.image.provider auto',
        ),
      },
    );
  }
  checkImageModel(c.model, c.size);
  return {
    provider: createOpenAIImageProvider({
      apiKey: key,
      baseURL: env.get('OPENAI_BASE_URL'),
      model: c.model,
      timeoutMs: c.timeoutMs,
      prices: config.prices.image,
      secrets: env.secretValues(),
    }),
    reason: l(
      `OpenAI ${c.model} (${c.quality} quality, ${c.size})`,
      `OpenAI ${c.model} (qualité ${c.quality}, ${c.size})`,
    ),
  };
};
