import { Text } from 'ink';
import type { Line } from './text-layout.js';
import { severityColour, useUi } from './ui-context.js';

/** One wrapped line whose lint spans and diff runs are coloured (the markers are in the text). */
export const LintText = ({ line }: { line: Line }) => {
  const { theme } = useUi();
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((seg, i) => {
        if (seg.change) {
          const colour = seg.change === 'add' ? theme.success : theme.error;
          return (
            <Text
              key={i}
              color={colour}
              strikethrough={theme.colour && seg.change === 'del'}
              bold={theme.colour && seg.marker}
            >
              {seg.text}
            </Text>
          );
        }
        if (seg.finding > 0) {
          return (
            <Text key={i} color={severityColour(theme, seg.severity)} underline={theme.colour && !seg.marker}>
              {seg.text}
            </Text>
          );
        }
        return <Text key={i}>{seg.text}</Text>;
      })}
    </Text>
  );
};
