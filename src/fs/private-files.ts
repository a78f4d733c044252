import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Everything in the home is private: it holds the database (post texts, audit), the media and
 * the .env with the keys. Modes are given explicitly (the launcher also sets umask 077), so a
 * loose umask never widens them.
 */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/** Bits that let the group or others read, write or enter. */
export const OPEN_TO_OTHERS = 0o077;

export const ensurePrivateDir = (dir: string): void => makeDirs(dir, PRIVATE_DIR);

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

/**
 * Writes a whole file or nothing: a temp file beside it (same file system), fsync, rename. On
 * any failure (disk full included) the temp file is removed and the target is left as it was:
 * never a 0-byte or half-written file under the real name.
 */
export const writeFileAtomic = (file: string, data: string | Buffer, mode: number = PRIVATE_FILE): void => {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', mode);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // The mode given to open() is masked by the umask; say it again for files meant to be shared.
    if ((mode & OPEN_TO_OTHERS) !== 0) chmodSync(temp, mode);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
};

/** The permission bits of a path, or undefined when it does not exist. */
export const modeOf = (path: string): number | undefined => {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return undefined;
  }
};

/**
 * Removes group and other permissions from a path that has them. Returns the old mode when it
 * changed something, undefined when the path was already private or does not exist; throws
 * when the mode cannot be changed (another user's folder).
 */
export const tighten = (path: string, mode: number): number | undefined => {
  const current = modeOf(path);
  if (current === undefined || (current & OPEN_TO_OTHERS) === 0) return undefined;
  chmodSync(path, mode);
  return current;
};
