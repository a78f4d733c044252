import { isUtf8 } from 'node:buffer';
import { UsageError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';

/** Where the first byte that is not UTF-8 sits, or undefined when every byte is. */
export const firstInvalidUtf8 = (
  bytes: Uint8Array,
): { offset: number; line: number; column: number; byte: number } | undefined => {
  if (isUtf8(bytes)) return undefined;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      // ASCII: one byte.
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return { offset: i, line, column: i - lineStart + 1, byte: b };
    let cp = need === 0 ? b : b & (0x3f >> need);
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { offset: i, line, column: i - lineStart + 1, byte: b };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (need > 0 && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)))
      return { offset: i, line, column: i - lineStart + 1, byte: b };
    if (b === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
    i += need + 1;
  }
  return undefined;
};

/**
 * Bytes from a file or standard input as text, refusing anything that is not UTF-8 (a
 * lenient decoder would turn it into U+FFFD and publish the damage). A leading BOM is dropped.
 */
export const decodeUtf8 = (bytes: Uint8Array, source: Localized): string => {
  const bad = firstInvalidUtf8(bytes);
  if (bad) {
    const hex = `0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')}`;
    throw new UsageError(
      l(
        `${source.en} is not valid UTF-8: byte ${hex} at line ${bad.line}, column ${bad.column} (byte offset ${bad.offset}).`,
        `${source.fr} n’est pas de l’UTF-8 valide : octet ${hex} à la ligne ${bad.line}, colonne ${bad.column} (position ${bad.offset}).`,
      ),
      {
        code: 'invalid_utf8',
        details: { offset: bad.offset, line: bad.line, column: bad.column },
        fix: l(
          'Save it as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8), then give it again; nothing was changed.',
          'Enregistrez-le en UTF-8 (p. ex. iconv -f WINDOWS-1252 -t UTF-8), puis redonnez-le; rien n’a été modifié.',
        ),
      },
    );
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
};
