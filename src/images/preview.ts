import { readFile } from 'node:fs/promises';
import { extensionBySignature } from './media-store.js';

export type ImageProtocol = 'iterm2' | 'kitty' | 'none';

/**
 * Which inline-image protocol the terminal speaks, from the environment only (no terminal
 * queries, so it is safe inside the Ink review screen). tmux and screen swallow the escapes.
 */
export const detectImageProtocol = (env: Record<string, string | undefined>): ImageProtocol => {
  if (env.TMUX || env.TERM?.startsWith('screen')) return 'none';
  if (env.KITTY_WINDOW_ID || env.TERM === 'xterm-kitty' || env.TERM_PROGRAM === 'ghostty') return 'kitty';
  if (env.TERM_PROGRAM === 'iTerm.app' || env.TERM_PROGRAM === 'WezTerm' || env.LC_TERMINAL === 'iTerm2')
    return 'iterm2';
  return 'none';
};

/** iTerm2 inline image (OSC 1337), `cells` wide, aspect kept. */
export const iterm2Sequence = (png: Buffer, cells: number): string =>
  `\u001b]1337;File=inline=1;size=${png.length};width=${cells};preserveAspectRatio=1:${png.toString('base64')}\u0007`;

/** kitty graphics protocol: PNG (f=100) transmitted and shown (a=T) in 4096-byte chunks. */
export const kittySequence = (png: Buffer, cells: number): string => {
  const data = png.toString('base64');
  const parts: string[] = [];
  for (let i = 0; i < data.length; i += 4096) {
    const chunk = data.slice(i, i + 4096);
    const more = i + 4096 < data.length ? 1 : 0;
    parts.push(
      i === 0 ? `\u001b_Gf=100,a=T,c=${cells},m=${more};${chunk}\u001b\\` : `\u001b_Gm=${more};${chunk}\u001b\\`,
    );
  }
  return parts.join('');
};

export interface PreviewInput {
  path: string;
  width: number;
  height: number;
}

export interface Preview {
  protocol: ImageProtocol;
  /** Escape sequence to write to a TTY, or null when the terminal cannot show images. */
  inline: string | null;
  /** Always present: where the file is and its size, for terminals without image support. */
  text: string;
}

/** What the CLI and the review screen print to show an image. */
export const terminalPreview = async (
  image: PreviewInput,
  env: Record<string, string | undefined>,
  cells = 60,
): Promise<Preview> => {
  const protocol = detectImageProtocol(env);
  const text = `${image.path} (${image.width}×${image.height})`;
  if (protocol === 'none') return { protocol, inline: null, text };
  const bytes = await readFile(image.path);
  if (protocol === 'iterm2') return { protocol, inline: iterm2Sequence(bytes, cells), text };
  // kitty's compressed format is PNG only: a photo's JPEG is converted for the screen.
  const png =
    extensionBySignature(bytes) === 'png' ? bytes : await (await import('sharp')).default(bytes).png().toBuffer();
  return { protocol, inline: kittySequence(png, cells), text };
};

/** Truecolour terminals can show a picture as coloured half blocks, even inside the Ink studio and over SSH. */
export const supportsTrueColour = (env: Record<string, string | undefined>): boolean =>
  !env.NO_COLOR && (/^(truecolor|24bit)$/i.test(env.COLORTERM ?? '') || detectImageProtocol(env) !== 'none');

/**
 * The image as lines of `▀` cells: each cell shows two pixels (foreground = top, background =
 * bottom). Plain ANSI colour, so it lays out like text in any truecolour terminal.
 */
export const halfBlockPreview = async (path: string, box: { columns: number; rows: number }): Promise<string[]> => {
  const { default: sharp } = await import('sharp');
  const width = Math.max(8, box.columns);
  const height = Math.max(2, box.rows * 2);
  const { data, info } = await sharp(path)
    .resize(width, height, { fit: 'inside' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const lines: string[] = [];
  for (let y = 0; y + 1 < info.height; y += 2) {
    let line = '';
    for (let x = 0; x < info.width; x += 1) {
      const top = (y * info.width + x) * 3;
      const bottom = ((y + 1) * info.width + x) * 3;
      const rgb = (i: number) => `${data[i] ?? 0};${data[i + 1] ?? 0};${data[i + 2] ?? 0}`;
      line += `\u001b[38;2;${rgb(top)}m\u001b[48;2;${rgb(bottom)}m▀`;
    }
    lines.push(`${line}\u001b[0m`);
  }
  return lines;
};
