import { saveConfig, validateConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { NotFoundError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';

const splitKey = (key: string): string[] => {
  const parts = key.split('.').filter(Boolean);
  if (parts.length === 0)
    throw new UsageError(l('Empty configuration key.', 'Clé de configuration vide.'), {
      fix: l('Example: quality.threshold', 'Exemple : quality.threshold'),
    });
  return parts;
};

/** `brand.x` is a shortcut for `brands.<current brand>.x`. */
export const expandKey = (key: string, brand: string): string[] => {
  const parts = splitKey(key);
  return parts[0] === 'brand' ? ['brands', brand, ...parts.slice(1)] : parts;
};

export const getConfigValue = (config: Config, key: string, brand: string): unknown => {
  let value: unknown = config;
  for (const part of expandKey(key, brand)) {
    if (value === null || typeof value !== 'object' || !(part in value)) {
      throw new NotFoundError(l(`No configuration key "${key}".`, `Aucune clé de configuration « ${key} ».`), {
        code: 'unknown_key',
        fix: l(
          'See the keys with `autoscale config get` (no key prints everything).',
          'Voyez les clés avec `autoscale config get` (sans clé, tout est affiché).',
        ),
      });
    }
    value = (value as Record<string, unknown>)[part];
  }
  return value;
};

/** Values are JSON when they parse as JSON (numbers, arrays, booleans), else plain strings. */
export const parseValue = (raw: string): unknown => {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
};

/**
 * `brand.platforms` is a list: `facebook,linkedin` or `["facebook","linkedin"]` name the targets
 * (a platform already listed keeps its account and window); full objects pass through as given.
 */
const platformNames = (value: unknown, previous: unknown, raw: string): unknown => {
  const names =
    typeof value === 'string'
      ? raw.split(',')
      : Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? value
        : undefined;
  if (!names) return value;
  const before = Array.isArray(previous) ? (previous as { platform?: unknown }[]) : [];
  return names
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean)
    .map((name) => before.find((t) => t.platform === name) ?? { platform: name });
};

export const setConfigValue = (config: Config, key: string, raw: string, brand: string, file: string): Config => {
  const parts = expandKey(key, brand);
  const next = structuredClone(config) as unknown as Record<string, unknown>;
  let cursor: Record<string, unknown> = next;
  for (const part of parts.slice(0, -1)) {
    const child = cursor[part];
    if (child === undefined) cursor[part] = {};
    else if (child === null || typeof child !== 'object' || Array.isArray(child)) {
      throw new UsageError(l(`"${key}": ${part} is not a section.`, `« ${key} » : ${part} n'est pas une section.`), {
        fix: l('Check the key with `autoscale config get`.', 'Vérifiez la clé avec `autoscale config get`.'),
      });
    }
    cursor = cursor[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1]!;
  const value = parseValue(raw);
  const previous = cursor[last];
  cursor[last] = typeof previous === 'string' && typeof value !== 'string' && !Array.isArray(value) ? raw : value;
  if (parts.length === 3 && parts[0] === 'brands' && last === 'platforms')
    cursor[last] = platformNames(value, previous, raw);
  if (/(key|token|secret|password|dsn)$/i.test(last)) {
    throw new UsageError(
      l(
        `"${key}" looks like a secret; secrets never go in config.json.`,
        `« ${key} » ressemble à un secret; les secrets ne vont jamais dans config.json.`,
      ),
      {
        code: 'secret_in_config',
        fix: l('Put it in the environment or in <home>/.env.', 'Mettez-le dans l’environnement ou dans <home>/.env.'),
      },
    );
  }
  next.origin = 'user';
  const validated = validateConfig(next, file);
  saveConfig(file, validated);
  return validated;
};
