import { decodeUtf8 } from '../domain/utf8.js';
import { l } from '../i18n/localized.js';

/** All of stdin as bytes. */
export const readStdinBytes = async (stdin: NodeJS.ReadableStream): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
};

/** All of stdin as UTF-8 text (for `--text -`-style input piped by scripts); other bytes are refused. */
export const readStdin = async (stdin: NodeJS.ReadableStream): Promise<string> =>
  decodeUtf8(await readStdinBytes(stdin), l('Standard input', 'L’entrée standard'));
