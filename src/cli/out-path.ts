import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { EnvironmentError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';

/**
 * `--out`, resolved and checked before any work: its folder must exist and it must not be a
 * folder itself. Nothing is created on the way (a typo in the folder would otherwise leave a
 * tree of empty folders, or a report nobody finds).
 */
export const outPath = (out: string): string => {
  const file = resolve(out);
  const folder = dirname(file);
  let stats;
  try {
    stats = statSync(folder);
  } catch {
    stats = undefined;
  }
  if (!stats?.isDirectory()) {
    throw new EnvironmentError(
      l(`--out ${file}: the folder ${folder} does not exist.`, `--out ${file} : le dossier ${folder} n’existe pas.`),
      {
        code: 'out_folder_missing',
        fix: l(
          `Create it first (mkdir -p ${folder}) or choose another path; nothing was written.`,
          `Créez-le d’abord (mkdir -p ${folder}) ou choisissez un autre chemin; rien n’a été écrit.`,
        ),
      },
    );
  }
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new EnvironmentError(l(`--out ${file} is a folder.`, `--out ${file} est un dossier.`), {
      code: 'out_is_directory',
      fix: l(
        `Give a file name inside it, e.g. ${join(file, basename(file) || 'export')}.csv; nothing was written.`,
        `Donnez un nom de fichier dans ce dossier, p. ex. ${join(file, basename(file) || 'export')}.csv; rien n’a été écrit.`,
      ),
    });
  }
  return file;
};
