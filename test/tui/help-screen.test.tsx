import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { clampHelpOffset, helpLines, HelpScreen } from '../../src/tui/HelpScreen.js';
import {
  APPROVE_BINDINGS,
  BROWSE_BINDINGS,
  EDITOR_BINDINGS,
  HISTORY_BINDINGS,
  keysLabel,
} from '../../src/tui/keybindings.js';
import { makeUi, UiContext } from '../../src/tui/ui-context.js';
import type { Lang } from '../../src/i18n/localized.js';
import type { Capabilities } from '../../src/tui/keybindings.js';

afterEach(() => cleanup());

const caps: Capabilities = { image: true, preview: true, externalEditor: true, platforms: true, ideas: true };
const screen = (lang: Lang, width: number, height = 80, offset = 0) =>
  render(
    <UiContext.Provider value={makeUi(lang, false, caps)}>
      <HelpScreen lines={helpLines((t) => t[lang], lang, caps, width)} width={width} height={height} offset={offset} />
    </UiContext.Provider>,
  ).lastFrame()!;

describe('the ? screen', () => {
  for (const lang of ['fr', 'en'] as const) {
    for (const width of [80, 120]) {
      it(`${lang} at ${width} columns: every entry stands apart from its neighbour and fits`, () => {
        const out = screen(lang, width);
        const lines = out.split('\n');
        for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
        for (const b of [...BROWSE_BINDINGS, ...EDITOR_BINDINGS, ...APPROVE_BINDINGS, ...HISTORY_BINDINGS]) {
          const label = b.label[lang];
          const line = lines.find((x) => x.includes(` ${label}`) || x.includes(`${label.slice(0, 12)}`));
          if (!line) continue; // a binding needing a capability this screen lacks
          const at = line.indexOf(label);
          if (at < 0) continue; // shortened with an ellipsis to fit its column
          const after = line.slice(at + label.length);
          // Either the end of the line or a gap of two spaces before the next entry.
          expect(after === '' || after.startsWith('  '), `"${label}" runs into "${after}"`).toBe(true);
        }
      });
    }
  }

  it('names the keys as a French keyboard does, in French only', () => {
    expect(keysLabel('Enter', 'fr')).toBe('Entrée');
    expect(keysLabel('Esc', 'fr')).toBe('Échap');
    expect(keysLabel('Home', 'fr')).toBe('Début');
    expect(keysLabel('Ctrl+S', 'fr')).toBe('Ctrl+S');
    expect(keysLabel('Enter', 'en')).toBe('Enter');
    const fr = screen('fr', 80);
    expect(fr).toContain('Échap');
    expect(fr).toContain('Entrée');
    expect(fr).not.toMatch(/\bEsc\b|\bEnter\b/);
  });

  it('taller than the terminal, it scrolls to its last line and says where it is', () => {
    const total = helpLines((t) => t.fr, 'fr', caps, 80).length;
    const height = 12;
    expect(total).toBeGreaterThan(height);
    const top = screen('fr', 80, height);
    expect(top.split('\n')).toHaveLength(height);
    expect(top).toContain(`lignes 1 à ${height - 1} sur ${total}`);
    expect(top).not.toContain('Chaque action');
    // Past the end is the end: the last page, with the closing line.
    const bottom = screen('fr', 80, height, 1000);
    expect(bottom).toContain('Chaque action est enregistrée');
    expect(bottom).toContain('cette aide.');
    expect(bottom).toContain(`sur ${total}`);
    expect(clampHelpOffset(1000, total, height)).toBe(total - (height - 1));
    expect(clampHelpOffset(-3, total, height)).toBe(0);
    // It fits: no scroll, no position line.
    expect(screen('en', 120, 80)).not.toMatch(/lines \d+–\d+ of/);
    expect(clampHelpOffset(5, total, total)).toBe(0);
  });
});
