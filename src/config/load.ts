import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir, writeFileAtomic } from '../fs/private-files.js';
import { z } from 'zod';
import { ConfigError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { configCache } from './config-cache.js';
import { configSchema, type Config } from './schema.js';
import { keepUnknown, unknownKeys, type UnknownKey } from './unknown-keys.js';

// A command parses its configuration once. zod's code generation for each object schema (its
// JIT) costs more on that first parse than it ever saves: 29 → 17 ms per command, measured.
z.config({ jitless: true });

const describeIssue = (issue: z.core.$ZodIssue, raw: unknown): string => {
  const key = issue.path.map(String).join('.');
  let value: unknown = raw;
  for (const part of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[part as string];
  const shown = value === undefined ? 'missing' : JSON.stringify(value);
  return `${key || '(root)'} = ${shown}: ${issue.message}`;
};

/** Validates a parsed config; the error names the key, the value and what is allowed. */
export const validateConfig = (raw: unknown, source: string): Config => {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const detail = describeIssue(first, raw);
    throw new ConfigError(
      l(`Invalid configuration in ${source}: ${detail}.`, `Configuration invalide dans ${source} : ${detail}.`),
      {
        code: 'config_invalid',
        details: { issues: parsed.error.issues.map((i) => describeIssue(i, raw)) },
        fix: l(
          'Correct that value (autoscale config set <key> <value>) or edit the file.',
          'Corrigez cette valeur (autoscale config set <clé> <valeur>) ou modifiez le fichier.',
        ),
      },
    );
  }
  const config = parsed.data;
  if (!config.brands[config.currentBrand]) {
    throw new ConfigError(
      l(
        `Invalid configuration in ${source}: currentBrand = "${config.currentBrand}" names no brand (known: ${Object.keys(config.brands).join(', ')}).`,
        `Configuration invalide dans ${source} : currentBrand = « ${config.currentBrand} » ne correspond à aucune marque (connues : ${Object.keys(config.brands).join(', ')}).`,
      ),
      { code: 'config_invalid', fix: l('Run `autoscale brand use <name>`.', 'Lancez `autoscale brand use <nom>`.') },
    );
  }
  return config;
};

export const notInitialised = (home: string) =>
  new ConfigError(l(`No configuration found in ${home}.`, `Aucune configuration dans ${home}.`), {
    code: 'not_initialised',
    fix: l(
      'Run `autoscale init --yes` (or `autoscale init` for the wizard).',
      'Lancez `autoscale init --yes` (ou `autoscale init` pour l’assistant).',
    ),
  });

const readConfigText = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigError(
      l(
        `Cannot read the configuration ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}.`,
        `Impossible de lire la configuration ${file} : ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}.`,
      ),
      {
        code: 'config_unreadable',
        cause,
        fix: l('Check the file permissions.', 'Vérifiez les permissions du fichier.'),
      },
    );
  }
};

const parseConfigText = (text: string, file: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(
      l(
        `The configuration ${file} is not valid JSON: ${(cause as Error).message}.`,
        `La configuration ${file} n'est pas du JSON valide : ${(cause as Error).message}.`,
      ),
      {
        code: 'config_unreadable',
        cause,
        fix: l(
          'Fix the syntax, or move the file aside and run `autoscale init --yes`.',
          'Corrigez la syntaxe, ou déplacez le fichier et lancez `autoscale init --yes`.',
        ),
      },
    );
  }
};

export interface LoadedConfig {
  config: Config;
  /** Keys of the file the schema does not know (kept in the file, without effect). */
  unknown: UnknownKey[];
}

/** Validates a configuration's text and keeps the result for the next command (config-cache). */
const checkAndCache = (file: string, text: string, cache = configCache(file, text)): LoadedConfig => {
  const raw = parseConfigText(text, file);
  const config = validateConfig(raw, file);
  const loaded = { config, unknown: unknownKeys(raw, config) };
  cache.write(loaded);
  return loaded;
};

export const readConfig = (file: string, home: string): LoadedConfig => {
  if (!existsSync(file)) throw notInitialised(home);
  const text = readConfigText(file);
  const cache = configCache(file, text);
  return cache.read() ?? checkAndCache(file, text, cache);
};

export const loadConfig = (file: string, home: string): Config => readConfig(file, home).config;

/**
 * Atomic write: a crash or a full disk never leaves a half-written config nor a temp file. The
 * text written is validated again for the cache, so the commands that follow (a failing one
 * included) find it there and write nothing.
 */
export const saveConfig = (file: string, config: Config): void => {
  ensurePrivateDir(dirname(file));
  const text = `${JSON.stringify(config, null, 2)}\n`;
  writeFileAtomic(file, text);
  try {
    checkAndCache(file, text);
  } catch {
    // The callers validated `config`; a text that fails here is reported by the next read.
  }
};

/**
 * Saves a changed config without dropping what the schema does not know: a key the owner
 * mistyped (or one a newer autoscale reads) stays in the file, and is reported at each load.
 */
export const saveConfigKeepingUnknown = (file: string, config: Config): void => {
  let raw: unknown;
  try {
    raw = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  } catch {
    raw = undefined;
  }
  const parsed = raw === undefined ? undefined : configSchema.safeParse(raw);
  const unknown = parsed?.success ? unknownKeys(raw, parsed.data) : [];
  saveConfig(file, unknown.length ? keepUnknown(config, raw, unknown) : config);
};
