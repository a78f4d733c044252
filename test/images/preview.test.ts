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
    writeFileSync(path, Buffer.alloc(10_000, 7));
    try {
      const iterm = await terminalPreview({ path, width: 1200, height: 630 }, { TERM_PROGRAM: 'iTerm.app' });
      expect(iterm.inline).toMatch(/^\u001b\]1337;File=inline=1;size=10000;width=60;preserveAspectRatio=1:/);
      expect(iterm.inline!.endsWith('\u0007')).toBe(true);
      const kitty = await terminalPreview({ path, width: 1200, height: 630 }, { KITTY_WINDOW_ID: '3' });
      expect(kitty.inline!.startsWith('\u001b_Gf=100,a=T,c=60,m=1;')).toBe(true);
      expect(kitty.inline!.endsWith('\u001b\\')).toBe(true);
      const plain = await terminalPreview({ path, width: 1200, height: 630 }, {});
      expect(plain).toEqual({ protocol: 'none', inline: null, text: `${path} (1200×630)` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('splits kitty payloads into 4096-byte chunks, the last with m=0', () => {
    const seq = kittySequence(Buffer.alloc(9000, 1), 40);
    const chunks = seq.split('\u001b\\').filter(Boolean);
    expect(chunks.length).toBe(Math.ceil(Math.ceil(9000 / 3) * 4 / 4096));
    expect(chunks.at(-1)).toMatch(/^\u001b_Gm=0;/);
  });
});
