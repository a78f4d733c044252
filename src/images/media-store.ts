import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeDirs } from '../fs/private-files.js';

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The file extension an image's first bytes announce (JPEG, PNG, WebP), or undefined. */
export const extensionBySignature = (bytes: Buffer): 'jpg' | 'png' | 'webp' | undefined => {
  if (bytes.length < 12) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return undefined;
};

export interface StoredFile {
  sha256: string;
  /** Relative to the media folder (what the images table stores). */
  path: string;
  absolute: string;
  bytes: number;
}

/**
 * Content-addressed write (name = sha256 of the bytes): temp file in the same folder, fsync,
 * rename. A crash leaves either no file or a complete one, never a half-written file under a
 * valid-looking name. The same bytes written twice share one file.
 */
export const storeContentAddressed = async (
  mediaRoot: string,
  folder: string,
  bytes: Buffer,
  ext: string,
): Promise<StoredFile> => {
  const hash = sha256(bytes);
  const rel = folder ? `${folder}/${hash}.${ext}` : `${hash}.${ext}`;
  const absolute = join(mediaRoot, rel);
  const existing = await stat(absolute).catch(() => undefined);
  if (existing?.isFile() && existing.size === bytes.length)
    return { sha256: hash, path: rel, absolute, bytes: bytes.length };
  makeDirs(dirname(absolute), 0o700);
  const temp = join(dirname(absolute), `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, absolute);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // Make the rename itself durable (best effort: not every platform can fsync a folder).
  const dir = await open(dirname(absolute), 'r').catch(() => undefined);
  await dir?.sync().catch(() => undefined);
  await dir?.close();
  return { sha256: hash, path: rel, absolute, bytes: bytes.length };
};

/** A stored file is usable when it exists and still hashes to its name. */
export const verifyStored = async (mediaRoot: string, rel: string, expected: string): Promise<Buffer | undefined> => {
  const { readFile } = await import('node:fs/promises');
  const data = await readFile(join(mediaRoot, rel)).catch(() => undefined);
  return data && sha256(data) === expected ? data : undefined;
};
