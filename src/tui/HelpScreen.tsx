import { Box, Text } from 'ink';
import { l, type Lang, type Localized } from '../i18n/localized.js';
import {
  APPROVE_BINDINGS,
  BROWSE_BINDINGS,
  EDITOR_BINDINGS,
  HISTORY_BINDINGS,
  keysLabel,
  type Binding,
  type Capabilities,
} from './keybindings.js';
import { available } from './key-resolve.js';
import { truncate, wrapPlain } from './text-layout.js';
import { useUi } from './ui-context.js';

export interface HelpLine {
  text: string;
  kind: 'title' | 'keys' | 'end';
}

/** Every key, from the same tables the input handlers use, laid out for `width` columns. */
export const helpLines = (
  t: (text: Localized) => string,
  lang: Lang,
  caps: Capabilities,
  width: number,
): HelpLine[] => {
  const lines: HelpLine[] = [];
  const section = <C extends string>(title: string, bindings: Binding<C>[]) => {
    lines.push({ text: title, kind: 'title' });
    const items = available(bindings, caps).map((b) => `${keysLabel(b.keys, lang).padEnd(6)} ${b.label[lang]}`);
    // Columns as wide as the section's longest entry plus a gap (French labels run longer than
    // English ones), two side by side whenever the terminal allows: an entry never runs into its
    // neighbour, and one too long for its column is shortened, not the column count.
    const natural = Math.max(34, ...items.map((x) => x.length + 2));
    const column = width >= 68 ? Math.min(natural, Math.floor(width / 2)) : Math.min(width, natural);
    const perLine = Math.max(1, Math.floor(width / column));
    for (let i = 0; i < items.length; i += perLine) {
      const row = items
        .slice(i, i + perLine)
        .map((x) => truncate(x, column - 2).padEnd(column))
        .join('')
        .trimEnd();
      lines.push({ text: truncate(row, width), kind: 'keys' });
    }
  };
  section(t(l('Review', 'Révision')), BROWSE_BINDINGS);
  section(
    t(l('Inline editor (arrows, Home/End, Enter = new line)', 'Éditeur (flèches, Début/Fin, Entrée = nouvelle ligne)')),
    EDITOR_BINDINGS,
  );
  section(t(l('Approve', 'Approbation')), APPROVE_BINDINGS);
  section(t(l('History', 'Historique')), HISTORY_BINDINGS);
  const end = t(
    l(
      'Every action is saved at once; quitting never loses work. Esc or ? closes this help.',
      'Chaque action est enregistrée aussitôt; quitter ne perd rien. Échap ou ? ferme cette aide.',
    ),
  );
  for (const text of wrapPlain(end, width)) lines.push({ text, kind: 'end' });
  return lines;
};

/** The first line shown when the help scrolled by `offset` lines has `height` rows (one keeps the position). */
export const clampHelpOffset = (offset: number, total: number, height: number): number =>
  total <= height ? 0 : Math.max(0, Math.min(offset, total - (height - 1)));

/** The `?` screen: the lines of `helpLines`; taller than the terminal, it scrolls (↑/↓) and says where it is. */
export const HelpScreen = ({
  lines,
  width,
  height,
  offset = 0,
}: {
  lines: HelpLine[];
  width: number;
  height: number;
  offset?: number;
}) => {
  const { t, theme } = useUi();
  const scrolls = lines.length > height;
  const first = clampHelpOffset(offset, lines.length, height);
  const shown = scrolls ? lines.slice(first, first + height - 1) : lines;
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((line, i) => (
        <Text
          key={`${first + i}`}
          wrap="truncate-end"
          {...(line.kind === 'title' ? { bold: true, color: theme.accent } : {})}
          {...(line.kind === 'end' ? { color: theme.muted } : {})}
        >
          {line.text}
        </Text>
      ))}
      {scrolls ? (
        <Text color={theme.muted} wrap="truncate-end">
          {truncate(
            t(
              l(
                `↑/↓ scroll · lines ${first + 1}–${first + shown.length} of ${lines.length}`,
                `↑/↓ défiler · lignes ${first + 1} à ${first + shown.length} sur ${lines.length}`,
              ),
            ),
            width,
          )}
        </Text>
      ) : null}
    </Box>
  );
};
