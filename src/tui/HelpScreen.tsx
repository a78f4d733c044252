import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import { l } from '../i18n/localized.js';
import {
  APPROVE_BINDINGS,
  BROWSE_BINDINGS,
  EDITOR_BINDINGS,
  HISTORY_BINDINGS,
  keysLabel,
  type Binding,
} from './keybindings.js';
import { available } from './key-resolve.js';
import { truncate } from './text-layout.js';
import { useUi } from './ui-context.js';

/** Every key, from the same tables the input handlers use. */
export const HelpScreen = ({ width, height }: { width: number; height: number }) => {
  const { t, theme, caps, lang } = useUi();
  const rows: ReactElement[] = [];
  const section = <C extends string>(title: string, bindings: Binding<C>[]) => {
    rows.push(
      <Text key={`s${rows.length}`} bold color={theme.accent}>
        {title}
      </Text>,
    );
    const items = available(bindings, caps).map((b) => `${keysLabel(b.keys, lang).padEnd(6)} ${b.label[lang]}`);
    // Columns as wide as the section's longest entry plus a gap (French labels run longer than
    // English ones), two side by side whenever the terminal allows: an entry never runs into its
    // neighbour, and one too long for its column is shortened, not the column count.
    const natural = Math.max(34, ...items.map((x) => x.length + 2));
    const column = width >= 68 ? Math.min(natural, Math.floor(width / 2)) : Math.min(width, natural);
    const perLine = Math.max(1, Math.floor(width / column));
    for (let i = 0; i < items.length; i += perLine) {
      rows.push(
        <Text key={`i${rows.length}`} wrap="truncate-end">
          {truncate(
            items
              .slice(i, i + perLine)
              .map((x) => truncate(x, column - 2).padEnd(column))
              .join('')
              .trimEnd(),
            width,
          )}
        </Text>,
      );
    }
  };
  section(t(l('Review', 'Révision')), BROWSE_BINDINGS);
  section(
    t(l('Inline editor (arrows, Home/End, Enter = new line)', 'Éditeur (flèches, Début/Fin, Entrée = nouvelle ligne)')),
    EDITOR_BINDINGS,
  );
  section(t(l('Approve', 'Approbation')), APPROVE_BINDINGS);
  section(t(l('History', 'Historique')), HISTORY_BINDINGS);
  rows.push(
    <Text key="end" color={theme.muted} wrap="truncate-end">
      {truncate(
        t(
          l(
            'Every action is saved at once; quitting never loses work. Esc or ? closes this help.',
            'Chaque action est enregistrée aussitôt; quitter ne perd rien. Échap ou ? ferme cette aide.',
          ),
        ),
        width,
      )}
    </Text>,
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows.slice(0, height)}
    </Box>
  );
};
