import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectImageProtocol, kittySequence, terminalPreview } from '../../src/images/preview.js';

describe('terminal image preview', () => {
  it('detects the protocol from the environment only', () => {
    expect(detectImageProtocol({ TERM_PROGRAM: 'iTerm.app' })).toBe('iterm2');
    expect(detectImageProtocol({ TERM_PROGRAM: 'WezTerm' })).toBe('iterm2');
    expect(detectImageProtocol({ KITTY_WINDOW_ID: '1' })).toBe('kitty');
    expect(detectImageProtocol({ TERM: 'xterm-kitty' })).toBe('kitty');
    expect(detectImageProtocol({ TERM: 'xterm-256color' })).toBe('none');
    expect(detectImageProtocol({ TERM_PROGRAM: 'iTerm.app', TMUX: '/tmp/tmux' })).toBe('none');
  });

  it('writes iTerm2 and kitty escapes, and falls back to path and size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'preview-'));
    const path = join(dir, 'a.png');
    const { default: sharp } = await import('sharp');
    const png = await sharp({ create: { width: 120, height: 63, channels: 3, background: '#3366aa' } })
      .png()
      .toBuffer();
    writeFileSync(path, Buffer.concat([png, Buffer.alloc(10_000 - png.length, 0)]));
    try {
      const iterm = await terminalPreview({ path, width: 1200, height: 630 }, { TERM_PROGRAM: 'iTerm.app' });
      expect(iterm.inline).toMatch(/^\u001b\]1337;File=inline=1;size=10000;width=60;preserveAspectRatio=1:/);
      expect(iterm.inline!.endsWith('\u0007')).toBe(true);
      const kitty = await terminalPreview({ path, width: 1200, height: 630 }, { KITTY_WINDOW_ID: '3' });
      expect(kitty.inline!.startsWith('\u001b_Gf=100,a=T,c=60,m=1;')).toBe(true);
      expect(kitty.inline!.endsWith('\u001b\\')).toBe(true);
      // A photo's JPEG goes to kitty as PNG (its compressed format), to iTerm2 as is.
      const jpegPath = join(dir, 'b.jpg');
      writeFileSync(jpegPath, await sharp(png).jpeg().toBuffer());
      const kittyJpeg = await terminalPreview({ path: jpegPath, width: 120, height: 63 }, { KITTY_WINDOW_ID: '3' });
      const sent = Buffer.from(kittyJpeg.inline!.replace(/\u001b_G[^;]*;|\u001b\\/g, ''), 'base64');
      expect((await sharp(sent).metadata()).format).toBe('png');
      const plain = await terminalPreview({ path, width: 1200, height: 630 }, {});
      expect(plain).toEqual({ protocol: 'none', inline: null, text: `${path} (1200×630)` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('splits kitty payloads into 4096-byte chunks, the last with m=0', () => {
    const seq = kittySequence(Buffer.alloc(9000, 1), 40);
    const chunks = seq.split('\u001b\\').filter(Boolean);
    expect(chunks.length).toBe(Math.ceil((Math.ceil(9000 / 3) * 4) / 4096));
    expect(chunks.at(-1)).toMatch(/^\u001b_Gm=0;/);
  });
});

describe('half-block preview', () => {
  it('draws two pixels per cell in truecolour, only where the terminal has it', async () => {
    const { default: sharp } = await import('sharp');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { halfBlockPreview, supportsTrueColour } = await import('../../src/images/preview.js');
    const file = join(mkdtempSync(join(tmpdir(), 'prev-')), 'red-blue.png');
    // Top half red, bottom half blue.
    const raw = Buffer.alloc(40 * 20 * 3);
    for (let y = 0; y < 20; y += 1)
      for (let x = 0; x < 40; x += 1) raw.set(y < 10 ? [255, 0, 0] : [0, 0, 255], (y * 40 + x) * 3);
    await sharp(raw, { raw: { width: 40, height: 20, channels: 3 } })
      .png()
      .toFile(file);
    const lines = await halfBlockPreview(file, { columns: 20, rows: 5 });
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('38;2;255;0;0m');
    expect(lines[4]).toContain('48;2;0;0;255m');
    expect(lines[0]!.match(/▀/g)).toHaveLength(20);
    expect(supportsTrueColour({ COLORTERM: 'truecolor' })).toBe(true);
    expect(supportsTrueColour({ COLORTERM: 'truecolor', NO_COLOR: '1' })).toBe(false);
    expect(supportsTrueColour({})).toBe(false);
  });
});
