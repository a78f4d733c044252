import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePrivateDir, writeFileAtomic } from '../fs/private-files.js';
import { SCHEMA_MODULE_URL, type Config } from './schema.js';
import type { UnknownKey } from './unknown-keys.js';

/**
 * The last validated configuration, kept in a `cache/` folder beside `config.json` (the home's,
 * when the configuration lives in the home). Validating the file (zod, and the time zones through
 * ICU) cost every command ≈ 27 ms of the main thread before it could do anything else; a command
 * whose configuration has not changed since the last one reads the result instead.
 *
 * The entry is keyed by the file's exact text, the code that validates it and the runtime's time
 * zone database: any edit, rebuild or Node upgrade misses and is validated again, so an invalid
 * file is always reported as before. It is only ever written after a successful validation (by
 * the commands that save the configuration, and by a read that missed), and a missing, torn or
 * foreign cache is a miss, never an error.
 */
export interface CheckedConfig {
  config: Config;
  unknown: UnknownKey[];
}

interface Entry extends CheckedConfig {
  key: string;
}

/**
 * What a validation depends on besides the text. Bundled, the schema's chunk name carries a hash
 * of its content and its imports'; unbundled, every build rewrites the module (a new mtime).
 */
const codeIdentity = (moduleUrl: string): string | undefined => {
  try {
    const file = statSync(fileURLToPath(moduleUrl));
    return `${moduleUrl}|${file.size}|${file.mtimeMs}`;
  } catch {
    return undefined;
  }
};

export interface ConfigCacheOptions {
  /** The module that holds the schema (tests point it elsewhere to stand for another build). */
  moduleUrl?: string;
}

export interface ConfigCache {
  read: () => CheckedConfig | undefined;
  write: (checked: CheckedConfig) => void;
}

/** The cache entry for this exact text of the configuration `configFile`. */
export const configCache = (configFile: string, text: string, options: ConfigCacheOptions = {}): ConfigCache => {
  const code = codeIdentity(options.moduleUrl ?? SCHEMA_MODULE_URL);
  const key =
    code &&
    createHash('sha256')
      .update(`${code}|${process.versions.node}|${process.versions.tz ?? ''}\n`)
      .update(text)
      .digest('hex');
  const folder = join(dirname(configFile), 'cache');
  const file = join(folder, 'config.json');
  return {
    read: () => {
      if (!key) return undefined;
      try {
        const entry = JSON.parse(readFileSync(file, 'utf8')) as Partial<Entry>;
        if (entry.key !== key || !entry.config || !Array.isArray(entry.unknown)) return undefined;
        // JSON drops a key whose value is undefined: an unknown key without a suggestion has one.
        const unknown = entry.unknown.map(({ path, suggestion }) => ({ path, suggestion }));
        return { config: entry.config, unknown };
      } catch {
        return undefined;
      }
    },
    write: ({ config, unknown }) => {
      if (!key) return;
      try {
        ensurePrivateDir(folder);
        writeFileAtomic(file, JSON.stringify({ key, config, unknown } satisfies Entry));
      } catch {
        // A read-only folder, a full disk: the next command validates again, as without a cache.
      }
    },
  };
};
