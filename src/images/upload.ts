import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { Source } from './image-source.js';
import { storeContentAddressed } from './media-store.js';
import { probeImage } from './render.js';

/** Bring-your-own images larger than this are refused (Facebook itself takes photos under 10 MB). */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
/** Smaller than this would be upscaled into a blurry feed image. */
export const MIN_UPLOAD = { width: 600, height: 315 } as const;

const readUpload = async (file: string): Promise<Buffer> => {
  const path = resolve(file);
  const info = await stat(path).catch(() => undefined);
  if (!info || !info.isFile()) {
    throw new UsageError(
      l(`Cannot read "${file}": no such file.`, `Impossible de lire « ${file} » : fichier introuvable.`),
      {
        code: 'file_unreadable',
        fix: l('Give the path of a PNG or JPEG file.', 'Donnez le chemin d’un fichier PNG ou JPEG.'),
      },
    );
  }
  if (info.size > MAX_UPLOAD_BYTES) {
    throw new UsageError(
      l(
        `"${file}" is ${(info.size / 1048576).toFixed(1)} MB; the limit is ${MAX_UPLOAD_BYTES / 1048576} MB.`,
        `« ${file} » fait ${(info.size / 1048576).toFixed(1)} Mo; la limite est de ${MAX_UPLOAD_BYTES / 1048576} Mo.`,
      ),
      {
        code: 'file_too_large',
        fix: l(
          'Export a smaller version (1200 px wide is enough), then try again.',
          'Exportez une version plus petite (1200 px de large suffit), puis réessayez.',
        ),
      },
    );
  }
  try {
    return await readFile(path);
  } catch (error) {
    throw new UsageError(
      l(
        `Cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? 'error'}.`,
        `Impossible de lire « ${file} » : ${(error as NodeJS.ErrnoException).code ?? 'erreur'}.`,
      ),
      {
        code: 'file_unreadable',
        cause: error,
        fix: l('Check the file permissions.', 'Vérifiez les permissions du fichier.'),
      },
    );
  }
};

/** Bring your own picture: checked, then kept as a content-addressed original. */
export const uploadSource = async (mediaRoot: string, file: string): Promise<Source> => {
  const bytes = await readUpload(file);
  const info = await probeImage(bytes);
  if (info.width < MIN_UPLOAD.width || info.height < MIN_UPLOAD.height) {
    throw new UsageError(
      l(
        `The picture is ${info.width}×${info.height}; it needs at least ${MIN_UPLOAD.width}×${MIN_UPLOAD.height}.`,
        `L’image fait ${info.width}×${info.height}; il faut au moins ${MIN_UPLOAD.width}×${MIN_UPLOAD.height}.`,
      ),
      {
        code: 'image_too_small',
        fix: l('Use a larger picture (1200×630 or more).', 'Utilisez une image plus grande (1200×630 ou plus).'),
      },
    );
  }
  const original = await storeContentAddressed(
    mediaRoot,
    'originals',
    bytes,
    info.format === 'jpeg' ? 'jpg' : info.format,
  );
  return {
    bytes,
    look: 'photo',
    provider: 'file',
    model: null,
    prompt: null,
    costUsd: 0,
    original,
    reusedPaid: false,
    offline: true,
  };
};
