import type { Config } from '../config/schema.js';
import type { Environment } from '../config/secrets.js';
import { l, type Localized } from '../i18n/localized.js';
import { createOfflineTextProvider } from './offline-text.js';
import type { TextProvider } from './types.js';

export interface Selected<T> {
  provider: T;
  /** Why this provider: shown to the user ("offline default: no ANTHROPIC_API_KEY…"). */
  reason: Localized;
}

/**
 * Text provider from config and environment. `auto` falls back to the offline writer when no
 * key is configured, and says so.
 */
export const selectTextProvider = (config: Config, env: Environment): Selected<TextProvider> => {
  void env;
  const choice = config.providers.text.provider;
  return {
    provider: createOfflineTextProvider(),
    reason:
      choice === 'offline'
        ? l('offline text provider (providers.text.provider = offline)', 'rédacteur hors ligne (providers.text.provider = offline)')
        : l('offline text provider (default: no ANTHROPIC_API_KEY, KIE_API_KEY or OPENAI_API_KEY configured)',
            'rédacteur hors ligne (par défaut : aucune clé ANTHROPIC_API_KEY, KIE_API_KEY ni OPENAI_API_KEY configurée)'),
  };
};
