import { Box, Text } from 'ink';
import type { LineState } from './state/line-input.js';
import { truncate } from './text-layout.js';
import { useUi } from './ui-context.js';

/** A labelled one-line field; the value scrolls so the cursor stays visible. */
export const LinePrompt = ({
  label,
  hint,
  input,
  width,
}: {
  label: string;
  hint?: string | undefined;
  input: LineState;
  width: number;
}) => {
  const { theme } = useUi();
  const room = Math.max(8, width - 3);
  const start = Math.max(0, input.cursor - room + 1);
  const shown = input.value.slice(start, start + room);
  const col = input.cursor - start;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.accent} wrap="truncate-end">
        {truncate(label, width)}
      </Text>
      <Text wrap="truncate-end">
        {'> '}
        {shown.slice(0, col)}
        <Text inverse>{shown.charAt(col) || ' '}</Text>
        {shown.slice(col + 1)}
      </Text>
      {hint ? (
        <Text color={theme.muted} wrap="truncate-end">
          {truncate(hint, width)}
        </Text>
      ) : null}
    </Box>
  );
};
