import type { Localized } from './localized.js';

/**
 * A message kept in one text column (a job's last error, a post's failure reason) in both
 * languages, as a JSON object, so each reader shows it in its own. Plain text (older rows, a
 * library's own error) reads as itself in both.
 */
export const encodeLocalized = (message: Localized): string => JSON.stringify({ en: message.en, fr: message.fr });

export const decodeLocalized = (text: string): Localized => {
  if (text.startsWith('{"en":')) {
    try {
      const parsed = JSON.parse(text) as { en?: unknown; fr?: unknown };
      if (typeof parsed.en === 'string' && typeof parsed.fr === 'string') return { en: parsed.en, fr: parsed.fr };
    } catch {
      // Not ours after all: shown as written.
    }
  }
  return { en: text, fr: text };
};
