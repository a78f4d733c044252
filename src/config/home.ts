import { chmodSync, copyFileSync, existsSync, renameSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { makeDirs } from '../fs/private-files.js';

export interface HomePaths {
  root: string;
  config: string;
  /** Where config.json lived before it moved to XDG_CONFIG_HOME (default home only). */
  legacyConfig?: string | undefined;
  database: string;
  media: string;
  env: string;
  outbox: string;
  daemonLock: string;
}

/**
 * --home, then AUTOSCALE_HOME, then $XDG_DATA_HOME/autoscale (~/.local/share/autoscale). The
 * configuration belongs under $XDG_CONFIG_HOME (~/.config/autoscale/config.json) when the home is
 * the default one; a home given explicitly keeps its config.json inside it, so a server home is
 * one folder to back up. AUTOSCALE_CONFIG names the file in every case.
 */
export const resolveHome = (flag: string | undefined, env: NodeJS.ProcessEnv): HomePaths => {
  // resolve('') is the current folder: an empty --home would scatter config, database and media
  // wherever the command happens to run. An empty AUTOSCALE_HOME is treated as unset, as usual.
  if (flag !== undefined && flag.trim() === '') {
    throw new UsageError(l('--home is empty.', '--home est vide.'), {
      code: 'empty_home',
      fix: l(
        'Give a folder (--home ~/autoscale), or leave --home out to use AUTOSCALE_HOME or ~/.local/share/autoscale.',
        'Donnez un dossier (--home ~/autoscale), ou omettez --home pour utiliser AUTOSCALE_HOME ou ~/.local/share/autoscale.',
      ),
    });
  }
  const explicit = flag ?? (env.AUTOSCALE_HOME?.trim() ? env.AUTOSCALE_HOME : undefined);
  const base = env.HOME || homedir();
  const root = resolve(explicit ?? join(env.XDG_DATA_HOME || join(base, '.local', 'share'), 'autoscale'));
  const xdgConfig = join(env.XDG_CONFIG_HOME || join(base, '.config'), 'autoscale', 'config.json');
  const config = resolve(env.AUTOSCALE_CONFIG || (explicit ? join(root, 'config.json') : xdgConfig));
  const legacy = join(root, 'config.json');
  return {
    root,
    config,
    legacyConfig: legacy !== config ? legacy : undefined,
    database: join(root, 'autoscale.db'),
    media: join(root, 'media'),
    env: join(root, '.env'),
    outbox: join(root, 'dry-run'),
    daemonLock: join(root, 'daemon.lock'),
  };
};

/**
 * Moves a config.json left in the data folder by an older autoscale to the config location, once
 * (only when the new one does not exist yet). Returns the old path when it moved something.
 */
export const migrateLegacyConfig = (paths: HomePaths): string | undefined => {
  const legacy = paths.legacyConfig;
  if (!legacy || existsSync(paths.config) || !existsSync(legacy)) return undefined;
  makeDirs(dirname(paths.config), 0o700);
  try {
    renameSync(legacy, paths.config);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    // Another file system: copy (keeping it private), then remove the old one.
    copyFileSync(legacy, paths.config);
    chmodSync(paths.config, 0o600);
    unlinkSync(legacy);
  }
  return legacy;
};
