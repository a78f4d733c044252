import { existsSync, readFileSync } from 'node:fs';
import { ensurePrivateDir, writeFileAtomic } from '../fs/private-files.js';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { sha256 as sha256Of } from '../images/media-store.js';

/**
 * Where an image row's file lives on this replica. Paths are meant to be relative to the media
 * folder; an absolute path written on another machine is mapped into this replica's media folder
 * by file name, so a laptop can preview what the server generated.
 */
export const resolveMediaPath = (media: string, path: unknown): string | undefined => {
  if (typeof path !== 'string' || path.length === 0) return undefined;
  if (!isAbsolute(path)) return join(media, path);
  const rel = relative(media, path);
  if (!rel.startsWith('..') && !isAbsolute(rel)) return path;
  return join(media, basename(path));
};

export const contentTypeFor = (format: unknown, path: string): string => {
  const ext = (typeof format === 'string' && format ? format : (path.split('.').pop() ?? '')).toLowerCase();
  if (ext === 'png') return 'image/png';
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'webp') return 'image/webp';
  if (ext === 'svg') return 'image/svg+xml';
  return 'application/octet-stream';
};

/** The (sha256, file) pairs an image row refers to: the final image and its original, if any. */
export const mediaRefs = (
  media: string,
  row: Record<string, unknown>,
): { sha256: string; file: string; contentType: string }[] => {
  const out: { sha256: string; file: string; contentType: string }[] = [];
  for (const [shaKey, pathKey] of [
    ['sha256', 'path'],
    ['original_sha256', 'original_path'],
  ] as const) {
    const sha = row[shaKey];
    const file = resolveMediaPath(media, row[pathKey]);
    if (typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha) && file)
      out.push({ sha256: sha, file, contentType: contentTypeFor(shaKey === 'sha256' ? row.format : undefined, file) });
  }
  return out;
};

export const readIfMatches = (file: string, sha256: string): Buffer | undefined => {
  if (!existsSync(file)) return undefined;
  const bytes = readFileSync(file);
  return sha256Of(bytes) === sha256 ? bytes : undefined;
};

/** Writes atomically (temp file + rename) so a crash never leaves half an image behind. */
export const writeMedia = (file: string, bytes: Buffer): void => {
  ensurePrivateDir(dirname(file));
  writeFileAtomic(file, bytes);
};
