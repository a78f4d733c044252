import { accessSync, constants, existsSync, statSync } from 'node:fs';
import type { HomePaths } from '../config/home.js';
import { StoreError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { makeDirs } from '../config/home.js';

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
    makeDirs(paths.root, 0o700);
    if (options.media !== false) makeDirs(paths.media);
    accessSync(paths.root, constants.W_OK);
  } catch (cause) {
    if (cause instanceof StoreError) throw cause;
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
