import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { ensurePrivateDir, PRIVATE_DIR, PRIVATE_FILE, tighten } from '../fs/private-files.js';
import { environmentErrorOf } from '../errors/environment.js';
import type { HomePaths } from '../config/home.js';
import { StoreError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';

/**
 * Creates the home (0700: it holds the .env with secrets) or explains why it cannot. With
 * `media: false` only the folder itself: the database is opened (and known good) before the rest.
 */
export const ensureHome = (paths: HomePaths, options: { media?: boolean } = {}): void => {
  try {
    if (existsSync(paths.root) && !statSync(paths.root).isDirectory()) {
      throw new StoreError(
        l(
          `The home ${paths.root} is a file, not a folder.`,
          `Le dossier de travail ${paths.root} est un fichier, pas un dossier.`,
        ),
        {
          code: 'home_not_dir',
          fix: l('Point --home (AUTOSCALE_HOME) at a folder.', 'Indiquez un dossier avec --home (AUTOSCALE_HOME).'),
        },
      );
    }
    ensurePrivateDir(paths.root);
    if (options.media !== false) ensurePrivateDir(paths.media);
    accessSync(paths.root, constants.W_OK);
  } catch (cause) {
    if (cause instanceof StoreError) throw cause;
    const environment = environmentErrorOf(cause, paths.root);
    if (environment) throw environment;
    throw new StoreError(
      l(
        `The home ${paths.root} is not writable (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}).`,
        `Le dossier de travail ${paths.root} n'est pas accessible en écriture (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}).`,
      ),
      {
        code: 'home_unwritable',
        cause,
        fix: l(
          'Fix its permissions, or choose another folder with --home or AUTOSCALE_HOME.',
          'Corrigez ses permissions, ou choisissez un autre dossier avec --home ou AUTOSCALE_HOME.',
        ),
      },
    );
  }
};

/** What `tightenHome` changed, for a note. */
export interface Tightened {
  path: string;
  from: number;
}

/**
 * An existing home open to the group or others (created by hand, or by an older autoscale
 * under a loose umask) is made private again: the folder 0700, config and database 0600.
 * Refuses, with the fix, when the modes cannot be changed (another user's folder).
 */
export const tightenHome = (paths: HomePaths): Tightened[] => {
  const changed: Tightened[] = [];
  const targets: [string, number][] = [
    [paths.root, PRIVATE_DIR],
    [paths.media, PRIVATE_DIR],
    [paths.config, PRIVATE_FILE],
    [paths.database, PRIVATE_FILE],
    [`${paths.database}-wal`, PRIVATE_FILE],
    [`${paths.database}-shm`, PRIVATE_FILE],
  ];
  for (const [path, mode] of targets) {
    try {
      const from = tighten(path, mode);
      if (from !== undefined) changed.push({ path, from });
    } catch (cause) {
      throw new StoreError(
        l(
          `${path} is readable by other users and its permissions cannot be changed (${(cause as NodeJS.ErrnoException).code ?? 'error'}).`,
          `${path} est lisible par d’autres utilisateurs et ses permissions ne peuvent pas être changées (${(cause as NodeJS.ErrnoException).code ?? 'erreur'}).`,
        ),
        {
          code: 'home_open',
          cause,
          fix: l(
            `Run \`chmod ${mode.toString(8)} ${path}\` as its owner, or choose another home with --home.`,
            `Lancez \`chmod ${mode.toString(8)} ${path}\` en tant que propriétaire, ou choisissez un autre dossier avec --home.`,
          ),
        },
      );
    }
  }
  return changed;
};
