import { existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { l } from '../i18n/localized.js';
import { EnvironmentError } from './errors.js';

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
const READ_ONLY = new Set(['EROFS', 'SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY']);
const IO = new Set(['EIO', 'SQLITE_IOERR']);

/** Less than 256 KB left for us on the file system of `path` (or of its closest existing parent). */
const nearlyFull = (path: string): boolean => {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  try {
    const fs = statfsSync(p);
    return fs.bavail * fs.bsize < 256 * 1024;
  } catch {
    return false;
  }
};

/** The errno (Node) or result code (SQLite) of an error or of any error it wraps. */
export const systemCodeOf = (error: unknown): string | undefined => {
  let e = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; depth < 6 && e && typeof e === 'object'; depth += 1) {
    if (typeof e.code === 'string' && /^(E[A-Z]+|SQLITE_[A-Z_]+)$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
};

const family = (code: string): 'disk_full' | 'read_only' | 'io' | undefined => {
  if (DISK_FULL.has(code)) return 'disk_full';
  if (READ_ONLY.has(code)) return 'read_only';
  if (IO.has(code) || code.startsWith('SQLITE_IOERR')) return 'io';
  return undefined;
};

/**
 * The environment error behind a failure, if the machine caused it (disk full, read-only or
 * failing file system), else undefined. `where` names the folder to check (the home).
 */
export const environmentErrorOf = (error: unknown, where: string): EnvironmentError | undefined => {
  if (error instanceof EnvironmentError) return error;
  const code = systemCodeOf(error);
  if (code === undefined) return undefined;
  let kind = family(code);
  if (!kind) return undefined;
  // SQLite reports a full disk while it sizes its shared-memory or WAL file as a plain I/O
  // error (SQLITE_IOERR_SHMSIZE, _WRITE…): the free space tells the two apart.
  if (kind === 'io' && nearlyFull(where)) kind = 'disk_full';
  const say = {
    disk_full: l(
      `No space left on the disk that holds ${where} (${code})`,
      `Plus d’espace sur le disque de ${where} (${code})`,
    ),
    read_only: l(
      `The file system that holds ${where} is read-only (${code})`,
      `Le système de fichiers de ${where} est en lecture seule (${code})`,
    ),
    io: l(
      `The disk that holds ${where} failed to read or write (${code})`,
      `Le disque de ${where} a échoué en lecture ou en écriture (${code})`,
    ),
  }[kind];
  const fix = {
    disk_full: l(
      `Free some space (see \`df -h ${where}\`), then run the command again; nothing was changed.`,
      `Libérez de l’espace (voyez \`df -h ${where}\`), puis relancez la commande; rien n’a été modifié.`,
    ),
    read_only: l(
      'Remount it read-write or choose another home with --home; nothing was changed.',
      'Remontez-le en lecture-écriture ou choisissez un autre dossier avec --home; rien n’a été modifié.',
    ),
    io: l(
      'Check the disk (dmesg, smartctl) and restore from a backup if needed; the command stopped before changing anything.',
      'Vérifiez le disque (dmesg, smartctl) et restaurez une sauvegarde au besoin; la commande s’est arrêtée avant toute modification.',
    ),
  }[kind];
  return new EnvironmentError(l(`${say.en}.`, `${say.fr}.`), { code: kind, fix, cause: error });
};
