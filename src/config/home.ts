import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

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
  const explicit = flag ?? env.AUTOSCALE_HOME;
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

/**
 * `mkdir -p` that fails fast. Node's own recursive mkdir loops forever on some file systems
 * (under /proc it keeps retrying ENOENT), so the missing folders are made one by one, from the
 * nearest existing parent down, and the first refusal is thrown.
 */
export const makeDirs = (dir: string, mode?: number): void => {
  const missing: string[] = [];
  for (let current = resolve(dir); !existsSync(current); current = dirname(current)) {
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder, mode === undefined ? undefined : { mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
};
