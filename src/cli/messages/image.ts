import { l } from '../../i18n/localized.js';

/** `image`: the lines that describe a post's picture. */
export const IMAGE = {
  post: (id: string) => l(`Post ${id}`, `Publication ${id}`),
  current: l('current image', 'image actuelle'),
  fresh: l('new image', 'nouvelle image'),
  headline: (text: string) => l(`Headline: ${text}`, `Titre : ${text}`),
  /** The feed image, named by its format (JPEG for a photo, PNG for the card). */
  feed: (format: string, path: string, size: string) =>
    l(`${format.toUpperCase()}: ${path} (${size})`, `${format.toUpperCase()} : ${path} (${size})`),
  jpeg: (path: string) => l(`JPEG: ${path}`, `JPEG : ${path}`),
  original: (path: string) => l(`Original: ${path}`, `Original : ${path}`),
} as const;
