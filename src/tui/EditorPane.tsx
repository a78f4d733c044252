import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import { l } from '../i18n/localized.js';
import { cursorRow, isDirty, rowsOf, type EditorState } from './state/editor-state.js';
import { truncate } from './text-layout.js';
import { useUi } from './ui-context.js';

/** Width and height of the editing area inside a pane of this size (one title line). */
export const editorView = (width: number, height: number) => ({
  width: Math.max(4, width - 1),
  height: Math.max(1, height - 1),
});

export const EditorPane = ({
  editor,
  width,
  height,
  variant,
  platform,
}: {
  editor: EditorState;
  width: number;
  height: number;
  variant: number;
  /** The platform whose own text is edited (its label in the title). */
  platform?: string | undefined;
}) => {
  const { t, theme } = useUi();
  const view = editorView(width, height);
  const rows = rowsOf(editor.text, view.width);
  const at = cursorRow(rows, editor.cursor);
  const visible = rows.slice(editor.scroll, editor.scroll + view.height);
  const what = platform
    ? l(
        `Editing the ${platform} text of variant ${variant}`,
        `Modification du texte ${platform} de la variante ${variant}`,
      )
    : l(`Editing variant ${variant}`, `Modification de la variante ${variant}`);
  const title = `${t(what)}${isDirty(editor) ? ' *' : ''} · ${[...editor.text].length} ${t(l('chars', 'car.'))} · ${t(l('row', 'ligne'))} ${at + 1}/${rows.length}`;
  const lines: ReactElement[] = visible.map((r, i) => {
    const text = editor.text.slice(r.start, r.end);
    if (editor.scroll + i !== at) return <Text key={i}>{text || ' '}</Text>;
    const col = editor.cursor - r.start;
    return (
      <Text key={i}>
        {text.slice(0, col)}
        <Text inverse>{text.charAt(col) || ' '}</Text>
        {text.slice(col + 1)}
      </Text>
    );
  });
  for (let i = lines.length; i < view.height; i += 1) lines.push(<Text key={`p${i}`}> </Text>);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={theme.accent} wrap="truncate-end">
        {truncate(title, width)}
      </Text>
      {lines}
    </Box>
  );
};
