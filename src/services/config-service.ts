import { saveConfigKeepingUnknown, validateConfig } from '../config/load.js';
import { closest, PROTOTYPE_KEYS } from '../config/unknown-keys.js';
import type { Config } from '../config/schema.js';
import { describeKey, isSchemaField } from '../config/key-path.js';
import { AutoscaleError, NotFoundError, UsageError } from '../errors/errors.js';
import { checkImageModel } from '../providers/openai-image.js';
import { l } from '../i18n/localized.js';

const unknownKey = (key: string, part: string, known: string[]) => {
  const near = closest(part, known);
  return new NotFoundError(
    l(
      `No configuration key "${key}"${near ? ` (did you mean ${near}?)` : ''}.`,
      `Aucune clé de configuration « ${key} »${near ? ` (vouliez-vous dire ${near} ?)` : ''}.`,
    ),
    {
      code: 'unknown_key',
      fix: l(
        'Nothing was changed. See the keys with `autoscale config get` (no key prints everything).',
        'Rien n’a été modifié. Voyez les clés avec `autoscale config get` (sans clé, tout est affiché).',
      ),
    },
  );
};

/**
 * A key reaching an object's prototype is refused as such on the command line (exit 2), before
 * anything is read; the service itself treats it as any key it does not know (see splitKey).
 */
export const refuseReservedKey = (key: string): void => {
  const bad = key.split('.').find((p) => PROTOTYPE_KEYS.has(p));
  if (bad === undefined) return;
  throw new UsageError(
    l(`"${key}": ${bad} is not a configuration key.`, `« ${key} » : ${bad} n’est pas une clé de configuration.`),
    {
      code: 'reserved_key',
      fix: l(
        'Nothing was changed. See the keys with `autoscale config get`.',
        'Rien n’a été modifié. Voyez les clés avec `autoscale config get`.',
      ),
    },
  );
};

const splitKey = (key: string): string[] => {
  const parts = key.split('.').filter(Boolean);
  if (parts.length === 0)
    throw new UsageError(l('Empty configuration key.', 'Clé de configuration vide.'), {
      fix: l('Example: quality.threshold', 'Exemple : quality.threshold'),
    });
  // Never walked into: no setting has such a name, so it is unknown like any other.
  const bad = parts.find((p) => PROTOTYPE_KEYS.has(p));
  if (bad !== undefined) throw unknownKey(key, bad, []);
  return parts;
};

/** `brand.x` is a shortcut for `brands.<current brand>.x`. */
export const expandKey = (key: string, brand: string): string[] => {
  const parts = splitKey(key);
  return parts[0] === 'brand' ? ['brands', brand, ...parts.slice(1)] : parts;
};

/** A setting the schema knows but the file leaves unset (`lang`) is null, not an unknown key. */
export const getConfigValue = (config: Config, key: string, brand: string): unknown => {
  let value: unknown = config;
  const parts = expandKey(key, brand);
  for (const [i, part] of parts.entries()) {
    if (
      value !== null &&
      typeof value === 'object' &&
      !Object.hasOwn(value, part) &&
      isSchemaField(parts.slice(0, i + 1))
    )
      return null;
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) {
      throw unknownKey(key, part, value !== null && typeof value === 'object' ? Object.keys(value) : []);
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

/** Names of secrets (API keys, tokens, passwords, DSNs): refused as configuration keys. */
const SECRET_KEY =
  /(api[-_]?key|service[-_]?key|secret[-_]?key|private[-_]?key|access[-_]?key|token|secret|password|passwd|dsn)$/i;

/**
 * A value the file would not accept is a usage error (exit 2) naming the key and what is allowed;
 * config.json is left as it was.
 */
const refusedValue = (key: string, error: unknown): never => {
  if (error instanceof AutoscaleError && error.kind === 'config') {
    const detail = error.localized;
    throw new UsageError(
      l(
        detail.en.replace(/^Invalid configuration in [^:]+: /, ''),
        detail.fr.replace(/^Configuration invalide dans [^:]+ : /, ''),
      ),
      {
        code: error.code === 'config_invalid' ? 'bad_config_value' : error.code,
        fix: l(
          `${error.fix?.en ?? 'Give a value the key accepts.'} (config.json is unchanged)`,
          `${error.fix?.fr ?? 'Donnez une valeur que la clé accepte.'} (config.json n’a pas changé)`,
        ),
      },
    );
  }
  throw error;
};

export const setConfigValue = (config: Config, key: string, raw: string, brand: string, file: string): Config => {
  const parts = expandKey(key, brand);
  const last = parts[parts.length - 1]!;
  const described = describeKey(parts);
  if (!described.known) {
    if (SECRET_KEY.test(last)) {
      throw new UsageError(
        l(
          `"${key}" looks like a secret; secrets never go in config.json.`,
          `«\u00a0${key}\u00a0» ressemble à un secret; les secrets ne vont jamais dans config.json.`,
        ),
        {
          code: 'secret_in_config',
          fix: l('Put it in the environment or in <home>/.env.', 'Mettez-le dans l’environnement ou dans <home>/.env.'),
        },
      );
    }
    throw unknownKey(key, described.unknown ?? last, described.siblings ?? []);
  }
  const next = structuredClone(config) as unknown as Record<string, unknown>;
  let cursor: Record<string, unknown> = next;
  for (const part of parts.slice(0, -1)) {
    const child = Object.hasOwn(cursor, part) ? cursor[part] : undefined;
    if (child === undefined) cursor[part] = /^\d+$/.test(part) ? [] : {};
    else if (child === null || typeof child !== 'object') {
      throw new UsageError(
        l(`"${key}": ${part} is not a section.`, `«\u00a0${key}\u00a0»\u00a0: ${part} n'est pas une section.`),
        {
          fix: l('Check the key with `autoscale config get`.', 'Vérifiez la clé avec `autoscale config get`.'),
        },
      );
    }
    cursor = cursor[part] as Record<string, unknown>;
  }
  let value = parseValue(raw);
  // Lists take the command line's form too: `tue,wed,thu` as `init --posting-days` does.
  if (described.list && typeof value === 'string') {
    value = value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
      .map((item) => parseValue(item));
  }
  if (parts.length === 3 && parts[0] === 'brands' && last === 'platforms')
    value = platformNames(value, cursor[last], raw);
  cursor[last] = typeof cursor[last] === 'string' && typeof value !== 'string' && !Array.isArray(value) ? raw : value;
  next.origin = 'user';
  let validated: Config;
  try {
    validated = validateConfig(next, file);
    // A retired image model is refused when set, not when the first image is made.
    if (parts[0] === 'providers' && parts[1] === 'image')
      checkImageModel(validated.providers.image.model, validated.providers.image.size);
  } catch (error) {
    return refusedValue(key, error);
  }
  // The schema drops keys it does not know: setting one would "succeed" and change nothing.
  getConfigValue(validated, key, brand);
  saveConfigKeepingUnknown(file, validated);
  return validated;
};
