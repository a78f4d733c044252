import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';

export interface HomePaths {
  root: string;
  config: string;
  database: string;
  media: string;
  env: string;
  outbox: string;
  daemonLock: string;
}

/** --home, then AUTOSCALE_HOME, then $XDG_DATA_HOME/autoscale (~/.local/share/autoscale). */
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
  const root = resolve(
    flag ??
      (env.AUTOSCALE_HOME?.trim() ? env.AUTOSCALE_HOME : undefined) ??
      join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), 'autoscale'),
  );
  return {
    root,
    config: join(root, 'config.json'),
    database: join(root, 'autoscale.db'),
    media: join(root, 'media'),
    env: join(root, '.env'),
    outbox: join(root, 'dry-run'),
    daemonLock: join(root, 'daemon.lock'),
  };
};
